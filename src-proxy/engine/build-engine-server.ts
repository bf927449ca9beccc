import type { FastifyInstance } from 'fastify';
import type { ControlApi } from '../../src-shared/control-contract';
import type { ManagementContext } from '../management/management-context';
import { registerControlRoutes } from '../management/register-control-routes';
import { registerManagementRoutes } from '../management/register-management-routes';
import { buildServer, type RouteRegistration } from '../server/build-server';
import type { ServerDeps } from '../server/server-deps';

export interface EngineServerOptions {
  deps: ServerDeps;
  control: ControlApi;
  /** Built renderer folder for /management.html; omitted = no control panel. */
  controlPanelDir?: string | undefined;
  https?: { cert: Buffer; key: Buffer } | undefined;
  /** The engine's live parts for CPA's /v0/management routes; omitted = only the control routes. */
  management?: ManagementContext | undefined;
}

/**
 * The server the engine listens with: the proxy routes (server/), then the control routes and CPA's
 * /v0/management routes, handed in from here so the server never imports management.
 */
export function buildEngineServer(options: EngineServerOptions): FastifyInstance {
  const { deps, management } = options;
  const routes: RouteRegistration[] = [
    (app) =>
      registerControlRoutes(app, {
        control: options.control,
        getSecret: () => deps.getRuntime().config.remoteManagement.secretKey,
        allowRemote: () => deps.getRuntime().config.remoteManagement.allowRemote,
        getHost: () => deps.getRuntime().config.host,
        managementPassword: process.env.MANAGEMENT_PASSWORD,
        now: deps.now,
        disableControlPanel: () => deps.getRuntime().config.remoteManagement.disableControlPanel,
        panelFile: () => deps.getRuntime().config.remoteManagement.panelFile,
        allowedOrigins: () => deps.getRuntime().config.remoteManagement.allowedOrigins,
        ...(options.controlPanelDir ? { controlPanelDir: options.controlPanelDir } : {}),
      }),
  ];
  if (management) routes.push((app) => registerManagementRoutes(app, management));
  return buildServer({ deps, https: options.https, routes });
}
