import type { FastifyInstance } from 'fastify';
import { registerClientErrorReplies } from './client-error-replies';
import { defaultDrainLimits, registerRefusedBodyDrain } from './drain-refused-body';

/**
 * Refusals at the edge of HTTP (a body over the limit, headers over Node's limit) reach the client in
 * its protocol's format and are readable: the client is never cut off while it is still sending.
 */
export function registerEdgeRefusals(app: FastifyInstance, bodyLimitBytes: () => number): void {
  registerRefusedBodyDrain(app, () => defaultDrainLimits(bodyLimitBytes()));
  registerClientErrorReplies(app);
}
