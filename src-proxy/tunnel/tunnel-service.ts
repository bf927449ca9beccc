import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Dispatcher } from 'undici';
import type { TunnelMode, TunnelStatus, TunnelTestResult } from '../../src-shared/control/tunnel-types';
import { maskKey } from '../../src-shared/mask-key';
import type { EngineConfig } from '../config/engine-config';
import { startCloudflared, type RunningCloudflared } from './cloudflared-process';
import { CLOUDFLARED_LATEST_RELEASE, downloadCloudflared } from './download-cloudflared';
import { cloudflaredFileName, findCloudflared } from './find-cloudflared';
import { PublicKeyStore } from './public-key-store';
import { RequestRateLimit } from './request-rate-limit';
import { testPublicUrl } from './test-public-url';
import { FIXED_TUNNEL_PORT } from './tunnel-config';

/** Test seams and platform facts; every field has a production default. */
export interface TunnelServiceOptions {
  /** PATH to search for cloudflared (default process.env.PATH). */
  pathEnv?: string | undefined;
  /** cloudflared release metadata (default GitHub's latest release). */
  releaseUrl?: string;
  readyTimeoutMs?: number;
  /** First restart delay after a drop; doubles up to 30 s. */
  restartDelayMs?: number;
  /** Maps a public address to where it is reached (tests: the fake cloudflared's port). */
  resolveOrigin?: (publicUrl: string) => Promise<string>;
}

/** What the public listener needs from its owner (src-proxy/server/build-public-server.ts answers to it). */
export interface PublicListenerHooks {
  publicKey(): string | null;
  rateLimit: RequestRateLimit;
  onActivity(): void;
}

export interface TunnelServiceParts {
  /** Builds the inference-only listener with the engine's routing (the engine composes it: tunnel/ never imports server/). */
  buildServer(hooks: PublicListenerHooks): FastifyInstance;
  /** The undici dispatcher for outbound calls through `proxy-url` (the cloudflared download). */
  dispatcherFor(proxyUrl: string): Dispatcher;
  config(): EngineConfig;
  /** The engine's data folder (beside config.yaml): tunnel-key.json, bin/cloudflared. */
  dataDir: string;
  logger: Logger;
  now(): number;
  options?: TunnelServiceOptions | undefined;
}

export interface TunnelStart {
  mode?: TunnelMode | undefined;
  token?: string | undefined;
  publicUrl?: string | undefined;
}

interface Session {
  generation: number;
  mode: TunnelMode;
  server: FastifyInstance;
  localUrl: string;
  token: string;
  process: RunningCloudflared | null;
  idleTimer: NodeJS.Timeout | null;
  restartTimer: NodeJS.Timeout | null;
}

/**
 * The public URL's whole life: its own key, its own loopback listener, cloudflared (found, or
 * downloaded and verified), restarts when cloudflared drops, and the idle stop. One at a time.
 */
export class TunnelService {
  readonly keys: PublicKeyStore;
  private readonly events = new EventEmitter();
  private readonly rateLimit: RequestRateLimit;
  private status: TunnelStatus;
  private session: Session | null = null;
  private generation = 0;
  private lastActivityAt = 0;
  /** A start is under way (key, download, listener, cloudflared): a second start waits for nothing and returns. */
  private starting = false;

  constructor(private readonly parts: TunnelServiceParts) {
    this.keys = new PublicKeyStore(join(parts.dataDir, 'tunnel-key.json'), parts.now);
    this.rateLimit = new RequestRateLimit(() => parts.config().tunnel.rateLimitPerMinute, parts.now);
    this.status = this.makeStatus({ state: 'off', mode: parts.config().tunnel.mode });
    void this.keys.load().then(() => this.publish({}));
  }

  current(): TunnelStatus {
    const key = this.keys.validKey();
    const idle = this.parts.config().tunnel.idleStopSeconds;
    const live = this.status.state === 'running' || this.status.state === 'restarting';
    return { ...this.status, keyMasked: key ? maskKey(key.key) : null, keyExpiresAt: key?.expiresAt ?? null, idleStopAt: live && idle > 0 ? this.lastActivityAt + idle * 1000 : null };
  }

  /** The loopback listener cloudflared forwards to (http://127.0.0.1:PORT); null when off. */
  localUrl(): string | null {
    return this.session?.localUrl ?? null;
  }

  onChange(listener: (status: TunnelStatus) => void): () => void {
    this.events.on('changed', listener);
    return () => this.events.off('changed', listener);
  }

  /** Starts the public URL; resolves when it answers or with the reason it cannot (state 'error'). */
  async start(input: TunnelStart = {}): Promise<TunnelStatus> {
    if (this.session || this.starting) return this.current();
    const config = this.parts.config();
    const mode = input.mode ?? config.tunnel.mode;
    const publicUrl = (input.publicUrl ?? config.tunnel.publicUrl).replace(/\/+$/, '').replace(/\/v1$/, '');
    const token = input.token ?? config.tunnel.token;
    const refusal = startRefusal(config, mode, publicUrl, token);
    if (refusal) return this.publish({ state: 'error', mode, error: refusal, publicUrl: null });
    const generation = ++this.generation;
    this.starting = true;
    try {
      await this.keys.ensure(config.tunnel.keyLifetimeSeconds);
      const binary = mode === 'external' ? null : await this.resolveBinary(mode, generation);
      if (generation !== this.generation) return this.current();
      this.publish({ state: 'starting', mode, error: null, publicUrl: null, download: null, restarts: 0, requests: 0 });
      const session = await this.openListener(generation, mode, token, config);
      if (generation !== this.generation) {
        await closeServer(session.server);
        return this.current();
      }
      this.session = session;
      const url = binary === null ? publicUrl : await this.launch(session, binary);
      if (generation !== this.generation) return this.current();
      this.markRunning(session, url ?? publicUrl);
    } catch (error) {
      if (generation === this.generation) await this.stop(error instanceof Error ? error.message : String(error));
    } finally {
      this.starting = false;
    }
    return this.current();
  }

  /** Stops cloudflared and the listener. `reason` set = the stop was not asked for (state 'error' or the idle note). */
  async stop(reason: string | null = null, state: 'off' | 'error' = reason === null ? 'off' : 'error'): Promise<TunnelStatus> {
    this.generation += 1;
    const session = this.session;
    // Nothing runs or starts: keep the state (and a refusal's message) as it is.
    if (!session && !this.starting && reason === null) return this.current();
    this.session = null;
    if (session) {
      if (session.idleTimer) clearTimeout(session.idleTimer);
      if (session.restartTimer) clearTimeout(session.restartTimer);
      await session.process?.stop();
      await closeServer(session.server);
    }
    if (reason !== null) this.parts.logger.warn({ reason }, 'public URL stopped');
    return this.publish({ state, error: reason, publicUrl: null, startedAt: null, download: null });
  }

  /**
   * Revokes the public key now: the next request with it gets 401. While the public URL runs, a new key
   * replaces it at once (a leaked key is rotated without taking the URL down); otherwise the next start creates one.
   */
  async revokeKey(): Promise<TunnelStatus> {
    await this.keys.revoke();
    if (this.session) await this.keys.ensure(this.parts.config().tunnel.keyLifetimeSeconds);
    this.parts.logger.info('public URL key revoked');
    return this.publish({});
  }

  async test(model: string | undefined): Promise<TunnelTestResult> {
    const key = this.keys.validKey();
    const { publicUrl } = this.status;
    if (this.status.state !== 'running' || publicUrl === null || key === null) {
      return { ok: false, status: null, answer: null, error: 'The public URL is not running.', latencyMs: 0 };
    }
    const resolveOrigin = this.parts.options?.resolveOrigin ?? (async (url: string) => url);
    return testPublicUrl({ publicUrl, key: key.key, model, resolveOrigin, timeoutMs: 60_000, now: this.parts.now });
  }

  private async resolveBinary(mode: TunnelMode, generation: number): Promise<string> {
    const config = this.parts.config();
    const downloaded = join(this.parts.dataDir, 'bin', cloudflaredFileName());
    const found = await findCloudflared({ configured: config.tunnel.cloudflaredPath, pathEnv: this.parts.options?.pathEnv ?? process.env.PATH, downloaded });
    if (found) return found;
    if (config.tunnel.cloudflaredPath !== '') throw new Error(`tunnel.cloudflared-path (${config.tunnel.cloudflaredPath}) is not an executable file.`);
    this.publish({ state: 'downloading', mode, error: null, download: { receivedBytes: 0, totalBytes: null } });
    const installed = await downloadCloudflared({
      releaseUrl: this.parts.options?.releaseUrl ?? CLOUDFLARED_LATEST_RELEASE,
      destination: downloaded,
      platform: process.platform,
      arch: process.arch,
      dispatcher: this.parts.dispatcherFor(config.proxyUrl),
      onProgress: (download) => {
        if (generation === this.generation) this.publish({ download });
      },
    }).catch((error: unknown) => {
      throw new Error(`cloudflared is not installed and could not be downloaded: ${error instanceof Error ? error.message : String(error)}`);
    });
    this.parts.logger.info({ version: installed.version, path: installed.path }, 'cloudflared downloaded and verified');
    return installed.path;
  }

  private async openListener(generation: number, mode: TunnelMode, token: string, config: EngineConfig): Promise<Session> {
    const server = this.parts.buildServer({
      publicKey: () => this.keys.validKey()?.key ?? null,
      rateLimit: this.rateLimit,
      onActivity: () => this.touch(),
    });
    const port = config.tunnel.listenPort || (mode === 'quick' ? 0 : FIXED_TUNNEL_PORT);
    try {
      await server.listen({ host: '127.0.0.1', port });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new Error(code === 'EADDRINUSE' ? `Port ${port} for the public URL is in use; set tunnel.listen-port to another port.` : `The public URL's listener could not start: ${String(error)}`);
    }
    const address = server.server.address();
    const actualPort = address && typeof address === 'object' ? address.port : port;
    return { generation, mode, server, localUrl: `http://127.0.0.1:${actualPort}`, token, process: null, idleTimer: null, restartTimer: null };
  }

  private async launch(session: Session, binary: string): Promise<string | null> {
    const running = await startCloudflared({
      binary,
      target: session.mode === 'quick' ? { kind: 'quick', localUrl: session.localUrl } : { kind: 'named', token: session.token },
      readyTimeoutMs: this.parts.options?.readyTimeoutMs ?? 60_000,
    });
    if (session.generation !== this.generation) {
      await running.stop(); // stopped while cloudflared was starting
      return null;
    }
    session.process = running;
    void running.exited.then((how) => this.onDropped(session, binary, how, 0));
    return running.url;
  }

  /** cloudflared ended on its own: start it again, backing off, until it is up or the tunnel is stopped. */
  private onDropped(session: Session, binary: string, how: string, attempt: number): void {
    if (session.generation !== this.generation) return;
    this.parts.logger.warn({ how, attempt }, 'cloudflared exited; restarting the public URL');
    this.publish({ state: 'restarting', error: `cloudflared exited (${how}); restarting…`, restarts: this.status.restarts + 1 });
    const delay = Math.min(30_000, (this.parts.options?.restartDelayMs ?? 1000) * 2 ** attempt);
    session.restartTimer = setTimeout(() => {
      this.launch(session, binary).then(
        (url) => {
          if (session.generation === this.generation) this.markRunning(session, url ?? this.status.publicUrl ?? '');
        },
        (error: unknown) => this.onDropped(session, binary, error instanceof Error ? error.message : String(error), attempt + 1),
      );
    }, delay);
  }

  private markRunning(session: Session, publicUrl: string): void {
    this.lastActivityAt = this.parts.now();
    this.armIdleStop(session);
    this.parts.logger.warn({ publicUrl, mode: session.mode }, 'the proxy is reachable from the internet through the public URL');
    this.publish({ state: 'running', error: null, publicUrl, startedAt: this.status.startedAt ?? this.parts.now() });
  }

  private armIdleStop(session: Session): void {
    const idleSeconds = this.parts.config().tunnel.idleStopSeconds;
    if (idleSeconds <= 0 || session.idleTimer) return;
    const hours = idleSeconds / 3600;
    const idleWords = hours >= 1 ? `${Math.round(hours * 10) / 10} h` : `${Math.round(idleSeconds / 60) || 1} min`;
    session.idleTimer = setTimeout(() => void this.stop(`Stopped after ${idleWords} without requests (tunnel.idle-stop).`, 'off'), idleSeconds * 1000);
    session.idleTimer.unref?.();
  }

  private touch(): void {
    this.lastActivityAt = this.parts.now();
    this.session?.idleTimer?.refresh();
    this.status = { ...this.status, requests: this.status.requests + 1 };
  }

  private publish(change: Partial<TunnelStatus>): TunnelStatus {
    this.status = this.makeStatus({ ...this.status, ...change });
    const status = this.current();
    this.events.emit('changed', status);
    return status;
  }

  private makeStatus(fields: Partial<TunnelStatus> & Pick<TunnelStatus, 'state' | 'mode'>): TunnelStatus {
    const publicUrl = fields.publicUrl ?? null;
    return {
      state: fields.state,
      mode: fields.mode,
      publicUrl,
      openaiBaseUrl: publicUrl === null || publicUrl === '' ? null : `${publicUrl}/v1`,
      keyMasked: null,
      keyExpiresAt: null,
      download: fields.download ?? null,
      error: fields.error ?? null,
      startedAt: fields.startedAt ?? null,
      idleStopAt: null,
      requests: fields.requests ?? 0,
      restarts: fields.restarts ?? 0,
    };
  }
}

/** Why a tunnel must not start with these settings; null when it may. */
function startRefusal(config: EngineConfig, mode: TunnelMode, publicUrl: string, token: string): string | null {
  if (config.apiKeys.length === 0) return 'The proxy accepts requests without a key (api-keys is empty). Add a client key before making it public.';
  if (mode === 'named' && token === '') return 'A named tunnel needs its token (Cloudflare dashboard > Networking > Tunnels).';
  if (mode !== 'quick' && !/^https:\/\/[^/\s]+/.test(publicUrl)) return `The ${mode === 'named' ? "named tunnel's hostname" : 'public URL'} must be an https:// address.`;
  return null;
}

function closeServer(server: FastifyInstance): Promise<void> {
  const forceClose = setTimeout(() => server.server.closeAllConnections(), 5000);
  return server.close().finally(() => clearTimeout(forceClose));
}
