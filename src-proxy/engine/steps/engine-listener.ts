import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type { EngineStatus } from '../../../src-shared/engine-status';
import type { ConfigFile } from '../../config/config-file';
import type { EngineConfig } from '../../config/engine-config';
import type { ManagementContext } from '../../management/management-context';
import type { ServerDeps } from '../../server/server-deps';
import type { TunnelService } from '../../tunnel/tunnel-service';
import { openBindRefusal } from '../bind-safety';
import { buildEngineServer } from '../build-engine-server';
import type { EngineControl } from '../engine-control';
import type { OAuthAccounts } from '../oauth-accounts';
import type { LateLink } from './late-link';
import type { LiveRuntime } from './live-runtime';
import type { StatusBoard } from './status-board';

/** How long `stop()` waits for in-flight requests (long streams) before closing their sockets. */
const drainTimeoutMs = 10_000;

export interface EngineListenerParts {
  runtime: LiveRuntime;
  status: StatusBoard;
  accounts: OAuthAccounts;
  configFile: ConfigFile;
  tunnel: TunnelService;
  deps: ServerDeps;
  management: ManagementContext;
  control: LateLink<EngineControl>;
  /** EngineOptions.allowOpen and .controlPanelDir. */
  allowOpen: boolean;
  controlPanelDir: string | undefined;
}

/** The engine's server on host:port, started and stopped any number of times; the watchers run while it listens. */
export class EngineListener {
  private server: FastifyInstance | null = null;
  /** The config the listener was started with: host, port and tls changes need a new listener. */
  private listening: EngineConfig;

  constructor(private readonly parts: EngineListenerParts) {
    this.listening = parts.runtime.config;
  }

  isOpen(): boolean {
    return this.server !== null;
  }

  /** A change of host, port or tls while listening: only a new listener can apply it. */
  mustRestartFor(requested: EngineConfig): boolean {
    return this.server !== null && listenerKeys(this.listening, requested).length > 0;
  }

  async start(): Promise<EngineStatus> {
    const { runtime, status } = this.parts;
    if (status.state === 'running' || status.state === 'starting') return status.current();
    const refusal = openBindRefusal(runtime.config.host, runtime.config.apiKeys, this.parts.allowOpen);
    if (refusal) return status.set('error', refusal);
    status.set('starting');
    try {
      await this.parts.accounts.resume();
      const app = buildEngineServer({ deps: this.parts.deps, control: this.parts.control.get(), controlPanelDir: this.parts.controlPanelDir, https: await loadTls(runtime.config),
        management: this.parts.management,
      });
      this.listening = runtime.config;
      await app.listen({ host: runtime.config.host || '::', port: runtime.config.port });
      this.server = app;
      this.parts.configFile.watch();
      const address = app.server.address();
      if (address && typeof address === 'object') runtime.setPort(address.port);
      return status.set('running');
    } catch (error) {
      return status.set('error', describeStartError(error, runtime.config));
    }
  }

  async stop(): Promise<EngineStatus> {
    const { status } = this.parts;
    // The public URL exposes this proxy: it never outlives it.
    await this.parts.tunnel.stop();
    this.parts.accounts.pause();
    this.parts.configFile.close();
    if (!this.server) return status.set('stopped');
    status.set('stopping');
    const closing = this.server;
    this.server = null;
    // Connections that finish their last request while we drain would otherwise idle until the
    // client's keep-alive timeout; close them as they go idle, and everything after the timeout.
    const reapIdle = setInterval(() => closing.server.closeIdleConnections(), 100);
    const forceClose = setTimeout(() => closing.server.closeAllConnections(), drainTimeoutMs);
    await closing.close();
    clearInterval(reapIdle);
    clearTimeout(forceClose);
    return status.set('stopped');
  }

  async restart(): Promise<void> {
    this.parts.deps.logger.info('host, port or tls changed: restarting the listener');
    await this.stop();
    await this.start();
  }
}

async function loadTls(config: EngineConfig): Promise<{ cert: Buffer; key: Buffer } | undefined> {
  if (!config.tls.enable) return undefined;
  const [cert, key] = await Promise.all([readFile(config.tls.cert), readFile(config.tls.key)]);
  return { cert, key };
}

function describeStartError(error: unknown, config: EngineConfig): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  if (code === 'EADDRINUSE') return `Port ${config.port} is already in use. Stop the other program or set another port in config.yaml.`;
  if (code === 'EADDRNOTAVAIL') return `Cannot listen on ${config.host}: no such address on this machine.`;
  if (code === 'EACCES') return `Not allowed to listen on port ${config.port}; use a port above 1024.`;
  if (code === 'ENOENT') return 'TLS is enabled but the certificate or key file does not exist.';
  return error instanceof Error ? error.message : 'The server could not start.';
}

/** Keys that only a new listener can apply (the engine restarts it). */
function listenerKeys(before: EngineConfig, after: EngineConfig): string[] {
  const changed: string[] = [];
  if (before.host !== after.host) changed.push('host');
  if (before.port !== after.port) changed.push('port');
  if (JSON.stringify(before.tls) !== JSON.stringify(after.tls)) changed.push('tls');
  return changed;
}
