import type { FastifyInstance } from 'fastify';
import { MANAGEMENT_PREFIX } from './create-management-guard';
import type { ManagementContext } from './management-context';

/**
 * `GET /doctor` (ours: CLIProxyAPI has no such route; docs/doctor.md), behind the management guard: the doctor's
 * report `{checkedAt, checks: [{id, title, status, explanation, fix}]}`. Takes up to the probe timeout (5 s).
 */
export function registerDoctorRoutes(app: FastifyInstance, context: Pick<ManagementContext, 'doctor'>): void {
  const { doctor } = context;
  if (!doctor) return;
  app.get(`${MANAGEMENT_PREFIX}/doctor`, async (_request, reply) => reply.header('cache-control', 'no-store').send(await doctor()));
}
