import type { FastifyInstance } from 'fastify';
import { MANAGEMENT_PREFIX } from './create-management-guard';
import type { ManagementContext } from './management-context';

/**
 * `GET /doctor[?hello=<account>|all]` (ours: CLIProxyAPI has no such route; docs/doctor.md), behind the management
 * guard: the doctor's report `{checkedAt, checks: [{id, title, status, explanation, fix}]}`, taking up to the probe
 * timeout (5 s). With `hello` (an auth file name, a credential id, or `all`) the report also carries `hellos`:
 * one tiny completion through each named account (docs/doctor.md#hello); 404 when no served account matches.
 */
export function registerDoctorRoutes(app: FastifyInstance, context: Pick<ManagementContext, 'doctor'>): void {
  const { doctor } = context;
  if (!doctor) return;
  app.get<{ Querystring: { hello?: string } }>(`${MANAGEMENT_PREFIX}/doctor`, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const account = request.query.hello;
    if (account === undefined) return reply.send(await doctor.run());
    if (typeof account !== 'string' || account === '') return reply.code(400).send({ error: 'hello must name an account (auth file name or credential id) or be "all"' });
    const [report, hellos] = await Promise.all([doctor.run(), doctor.hello(account)]);
    if (!hellos) return reply.code(404).send({ error: 'account not found (unknown, disabled, or its login cannot be used)' });
    return reply.send({ ...report, hellos });
  });
}
