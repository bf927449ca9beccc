import type { FastifyInstance } from 'fastify';
import type { ControlApi } from '../../src-shared/control-contract';
import { createManagementGuard, MANAGEMENT_PREFIX, type ManagementGuardDeps } from './create-management-guard';
import { dispatchControlOperation } from './dispatch-control-operation';
import { registerControlPanelRoutes } from './register-control-panel-routes';
import { endOpenStreams, streamControlEvents, type OpenStreams } from './stream-control-events';

/** The guard's deps (secret, allow-remote, host, MANAGEMENT_PASSWORD, clock) plus what the control routes need. */
export interface ControlRoutesDeps extends ManagementGuardDeps {
  control: ControlApi;
  /** Built renderer (dist-renderer) served at /management.html; omitted = no control panel. */
  controlPanelDir?: string;
  /** remote-management.disable-control-panel. */
  disableControlPanel(): boolean;
  /** remote-management.panel-file (absolute; '' or omitted = the bundled panel). */
  panelFile?(): string;
}

const STATUS_BY_CODE = {
  INVALID_INPUT: 400,
  UNKNOWN_OPERATION: 404,
  FORBIDDEN: 403,
  UNAUTHORIZED: 401,
  UNAVAILABLE: 503,
  FAILED: 500,
} as const;

/**
 * The control contract over HTTP plus the web control panel. Register on the ROOT instance: the guard
 * hook then covers every /v0/management route of the app, including ones registered later and 404s.
 *   POST /v0/management/control/:operation   JSON input -> ControlResult JSON
 *   GET  /v0/management/control/events       text/event-stream of ControlEvents
 *   GET  /management.html, /management/assets/*   the built renderer (no auth: it is static)
 */
export function registerControlRoutes(app: FastifyInstance, deps: ControlRoutesDeps): void {
  const openStreams: OpenStreams = new Set();
  app.addHook('onRequest', createManagementGuard(deps));
  // Before the server waits for connections to finish: SSE responses never would on their own.
  app.addHook('preClose', async () => endOpenStreams(openStreams));

  app.get(`${MANAGEMENT_PREFIX}/control/events`, (request, reply) =>
    streamControlEvents(deps.control, openStreams, request, reply),
  );

  app.post<{ Params: { operation: string } }>(`${MANAGEMENT_PREFIX}/control/:operation`, async (request, reply) => {
    const result = await dispatchControlOperation(deps.control, request.params.operation, request.body);
    return reply
      .code(result.ok ? 200 : STATUS_BY_CODE[result.error.code])
      .header('cache-control', 'no-store')
      .send(result);
  });

  registerControlPanelRoutes(app, deps);
}
