import type { FastifyInstance } from 'fastify';
import { registerApiCallRoute } from './api-call/register-api-call-route';
import { registerAuthFileRoutes } from './auth-file-routes/register-auth-file-routes';
import type { ManagementContext } from './management-context';
import { registerConfigRoutes } from './config-routes/register-config-routes';
import { registerQuotaRoutes } from './quota-routes';
import { registerDoctorRoutes } from './doctor-routes';
import { registerLogFiles } from './log-routes';
import { registerLoginRoutes } from './register-login-routes';
import { registerSystemRoutes } from './system-routes';
import { registerUsageRoutes } from './usage-routes';

/**
 * Every CLIProxyAPI-compatible `/v0/management` route group. The guard in front of them (key, locality,
 * lockout) is registered by `registerControlRoutes` on the root instance and covers these too.
 */
export function registerManagementRoutes(app: FastifyInstance, context: ManagementContext): void {
  registerLoginRoutes(app, context.logins);
  registerLogFiles(app, context);
  registerQuotaRoutes(app, context);
  registerDoctorRoutes(app, context);
  registerConfigRoutes(app, context.configFile, () => context.getRuntime().credentials);
  registerAuthFileRoutes(app, context);
  registerSystemRoutes(app, context);
  if (context.usage) registerUsageRoutes(app, context.usage, context.now, context.teamUsage);
  if (context.apiCall) registerApiCallRoute(app, context, context.apiCall);
}
