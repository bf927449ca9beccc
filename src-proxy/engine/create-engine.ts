import { EventEmitter } from 'node:events';
import { renameSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { EngineStatus } from '../../src-shared/engine-status';
import { ConfigFile, type ApplyOutcome } from '../config/config-file';
import { ensureConfigFile } from '../config/create-default-config';
import type { EngineConfig } from '../config/engine-config';
import { formatConfigProblems, loadConfigFile } from '../config/load-config';
import type { Engine, EngineOptions } from '../engine-types';
import { DispatcherPool } from '../http/create-dispatcher';
import { createLogger } from '../logging/create-logger';
import { logsDirBeside } from '../logging/logs-folder';
import { MainLogOutput, type MainLogSettings } from '../logging/main-log-output';
import { CredentialHealth } from '../routing/credential-health';
import { CredentialSelector } from '../routing/credential-selector';
import { buildEngineServer } from './build-engine-server';
import type { ServerDeps } from '../server/server-deps';
import { hashPlaintextSecret, isBcryptHash } from '../management/management-secret';
import { openBindRefusal } from './bind-safety';
import { ClientConnections } from '../connect/client-connections';
import { toProblemView } from './control/config-operations';
import { connectionInfo } from './control/connection-info';
import { RecentRequests, toRequestSummary } from './control/recent-requests';
import { createEngineControl } from './engine-control';
import { createRuntime } from './create-runtime';
import { QuotaService } from '../quota/quota-service';
import { CredentialCounters } from '../routing/credential-counters';
import { UsageStore } from '../usage/usage-store';
import { LoginSessions } from '../logins/login-sessions';
import { quotaAccountUrls } from '../quota/quota-endpoints';
import { OAuthAccounts } from './oauth-accounts';
import { TunnelService } from '../tunnel/tunnel-service';
import { buildPublicServer } from '../server/build-public-server';

/** How long `stop()` waits for in-flight requests (long streams) before closing their sockets. */
const drainTimeoutMs = 10_000;

export class ConfigLoadError extends Error {}

/**
 * Loads (or first creates) the config and returns an engine that can start and stop its server any
 * number of times. Throws ConfigLoadError, listing every problem, when the config is invalid.
 */
export async function createEngine(options: EngineOptions): Promise<Engine> {
  await ensureConfigFile(options.configPath);
  const loaded = await loadConfigFile(options.configPath);
  if (!loaded.ok) throw new ConfigLoadError(formatConfigProblems(loaded.problems, options.configPath));
  const overrides = definedOverrides(options.overrides);
  const config: EngineConfig = { ...loaded.config, ...overrides };
  // The application log: stdout, or logs/main.log beside config.yaml (rotated, trimmed), switchable live.
  const mainLog = new MainLogOutput({
    logsDir: logsDirBeside(dirname(resolve(options.configPath))),
    console: options.logDestination ?? process.stdout,
    settings: mainLogSettings(config),
  });
  const logger = createLogger({ debug: config.debug, destination: mainLog });
  for (const warning of loaded.warnings) logger.warn({ config: options.configPath }, warning);

  const accounts = new OAuthAccounts(config.authDir, logger, options.oauthEndpoints);
  await accounts.store.rescan();
  let runtime = createRuntime(config, accounts.credentials(config), accounts.needsLoginCredentials(config));
  const logins = new LoginSessions({
    store: accounts.store,
    ...accounts.loginEndpoints(),
    ...(options.loginCallbackPort !== undefined ? { callbackPort: options.loginCallbackPort } : {}),
  });
  // auth-dir edits (a login, a deleted or disabled file) apply live; cooldowns of removed accounts go.
  accounts.store.onChange(() => {
    runtime = createRuntime(runtime.config, accounts.credentials(runtime.config), accounts.needsLoginCredentials(runtime.config));
    forgetRemovedCredentials();
    if (status.state === 'running') setStatus('running');
    control.emit('accounts.changed', control.accounts());
  });
  // The config as served: later edits (management routes, the desktop editor, the file on disk) go
  // through configFile, which validates, writes and then calls applyConfig.
  const configFile = new ConfigFile({
    path: options.configPath,
    initial: { config: loaded.config, text: await readFile(options.configPath, 'utf8') },
    apply: (next) => applyConfig({ ...next, ...overrides }),
    onRejected: (problems) => {
      logger.error({ config: options.configPath }, `config change rejected, the previous config keeps serving:\n${formatConfigProblems(problems, options.configPath)}`);
      control.emit('config.changed', { applied: false, problems: problems.map(toProblemView) });
    },
    onWarning: (message) => logger.warn({ config: options.configPath }, message),
  });
  let listening: EngineConfig = config;

  function applyConfig(requested: EngineConfig): ApplyOutcome {
    const listenerChanged = server !== null && listenerKeys(listening, requested).length > 0;
    // While the listener stays, the status keeps showing the port it actually got (port 0 = any).
    const next = server && !listenerChanged ? { ...requested, port: runtime.config.port } : requested;
    runtime = createRuntime(next, accounts.credentials(next), accounts.needsLoginCredentials(next));
    forgetRemovedCredentials();
    logger.level = next.debug ? 'debug' : 'info';
    usage?.setEnabled(next.usageStatisticsEnabled);
    mainLog.apply(mainLogSettings(next));
    // A plaintext secret saved through the editor or on disk is stored as its hash, as at start (queued after this change).
    if (next.remoteManagement.secretKey !== '' && !isBcryptHash(next.remoteManagement.secretKey)) void hashPlaintextSecret(configFile, logger);
    const restartRequired = appRestartKeys(config, next);
    if (listenerChanged) {
      // After the reply that caused it is out: stop() drains in-flight requests, including that one.
      setTimeout(() => void restartListener(), 0);
    } else if (status.state === 'running') {
      setStatus('running');
    }
    logger.info({ restartRequired }, 'config applied');
    control.emit('config.changed', { applied: true, problems: [] });
    control.emit('accounts.changed', control.accounts());
    return { restartRequired, listenerRestart: listenerChanged };
  }

  async function restartListener(): Promise<void> {
    logger.info('host, port or tls changed: restarting the listener');
    await engine.stop();
    await engine.start();
  }

  const events = new EventEmitter();
  const recentRequests = new RecentRequests();
  // Usage history lives beside config.yaml (the engine's data folder) and survives restarts and crashes.
  const usage = openUsageHistory(options.usagePath ?? join(dirname(configFile.path), 'usage.sqlite'), { enabled: config.usageStatisticsEnabled, nativeBinding: options.sqliteNativeBinding }, logger);
  const dispatchers = new DispatcherPool(() => runtime.config.streaming.upstreamIdleTimeoutSeconds);
  // Quota per account: read from every upstream answer's headers and quota errors, refreshed on demand.
  const quota = new QuotaService({
    credentials: () => runtime.credentials,
    dispatcherFor: (credential) => dispatchers.get(credential.proxyUrl, runtime.config.proxyUrl),
  });
  let requestsServed = 0;
  let status: EngineStatus = makeStatus('stopped', null);
  let server: FastifyInstance | null = null;

  const deps: ServerDeps = {
    onUpstreamResponse: quota.observeResponse,
    getRuntime: () => runtime,
    logger,
    health: new CredentialHealth(),
    selector: new CredentialSelector(),
    dispatchers,
    onRequestFinished: (event) => {
      requestsServed += 1;
      usage?.record(event);
      if (event.credential !== null) counters.record(event.credential, event.status < 400, event.startedAt);
      const summary = toRequestSummary(event);
      recentRequests.add(summary);
      control.emit('request.finished', summary);
    },
    now: Date.now,
    sleep: (ms, signal) => delay(ms, undefined, { signal }).catch(() => undefined),
    startedAt: Math.floor(Date.now() / 1000),
  };

  const counters = new CredentialCounters();
  /** Cooldowns and counters of credentials that no longer exist go with them. */
  function forgetRemovedCredentials(): void {
    const ids = new Set(runtime.credentials.map((credential) => credential.id));
    deps.health.retain(ids);
    counters.retain(ids);
  }
  // The engine's live parts as the /v0/management routes and the control contract see them.
  // POST /api-call sends an account's token only to its provider: the base URL, plus these account endpoints.
  const providerUrls = mergeUrlLists(accounts.apiCallUrls(), quotaAccountUrls(quota.endpoints));
  // The public URL (Cursor): its own listener, key and cloudflared; data beside config.yaml.
  const tunnel = new TunnelService({
    buildServer: (hooks) => buildPublicServer({ deps, ...hooks }),
    dispatcherFor: (proxyUrl) => deps.dispatchers.get('', proxyUrl),
    config: () => runtime.config, dataDir: dirname(configFile.path), logger, now: Date.now, options: options.tunnel });
  const management = { configFile, getRuntime: deps.getRuntime, authStore: accounts.store, health: deps.health, counters, logins, logger, now: deps.now, usage, quota, apiCall: { dispatchers, providerUrls } };

  function makeStatus(state: EngineStatus['state'], error: string | null): EngineStatus {
    const { host, port } = runtime.config;
    const shownHost = host === '' || host === '0.0.0.0' ? '127.0.0.1' : host;
    return {
      state,
      host,
      port,
      baseUrl: state === 'running' ? `${runtime.config.tls.enable ? 'https' : 'http'}://${formatHost(shownHost)}:${port}/v1` : null,
      error,
      accounts: runtime.credentials.length,
      requestsServed,
    };
  }

  function setStatus(state: EngineStatus['state'], error: string | null = null): EngineStatus {
    status = makeStatus(state, error);
    events.emit('status', status);
    return status;
  }

  const engine: Engine = {
    async start() {
      if (status.state === 'running' || status.state === 'starting') return engine.status();
      const refusal = openBindRefusal(runtime.config.host, runtime.config.apiKeys, options.allowOpen === true);
      if (refusal) return setStatus('error', refusal);
      setStatus('starting');
      try {
        await accounts.resume();
        const app = buildEngineServer({ deps, control: engine.control, controlPanelDir: options.controlPanelDir, https: await loadTls(runtime.config),
          management,
        });
        listening = runtime.config;
        await app.listen({ host: runtime.config.host || '::', port: runtime.config.port });
        server = app;
        configFile.watch();
        const address = app.server.address();
        if (address && typeof address === 'object') runtime = { ...runtime, config: { ...runtime.config, port: address.port } };
        return setStatus('running');
      } catch (error) {
        return setStatus('error', describeStartError(error, runtime.config));
      }
    },
    async stop() {
      // The public URL exposes this proxy: it never outlives it.
      await tunnel.stop();
      accounts.pause();
      configFile.close();
      if (!server) return setStatus('stopped');
      setStatus('stopping');
      const closing = server;
      server = null;
      // Connections that finish their last request while we drain would otherwise idle until the
      // client's keep-alive timeout; close them as they go idle, and everything after the timeout.
      const reapIdle = setInterval(() => closing.server.closeIdleConnections(), 100);
      const forceClose = setTimeout(() => closing.server.closeAllConnections(), drainTimeoutMs);
      await closing.close();
      clearInterval(reapIdle);
      clearTimeout(forceClose);
      return setStatus('stopped');
    },
    status: () => ({ ...status, requestsServed, accounts: runtime.credentials.length }),
    onStatusChange(listener) {
      events.on('status', listener);
      return () => events.off('status', listener);
    },
    control: undefined as unknown as Engine['control'],
    logins,
    tunnel,
    configFile,
    async reload() {
      await accounts.store.rescanAndNotify();
      return configFile.reloadFromDisk();
    },
    async close() {
      const stopped = await engine.stop();
      logins.close();
      usage?.close();
      await mainLog.close();
      return stopped;
    },
  };
  const control = createEngineControl({
    start: () => engine.start(),
    stop: () => engine.stop(),
    status: () => engine.status(),
    onStatusChange: (listener) => engine.onStatusChange(listener),
    management,
    recentRequests,
    tunnel,
    clients: new ClientConnections({
      home: options.homeDir ?? homedir(),
      env: options.homeDir === undefined ? process.env : {},
      ledgerPath: join(dirname(configFile.path), 'client-connections.json'),
      target: () => {
        const origin = connectionInfo(engine.status(), runtime.config.apiKeys, runtime.config.tls.enable).anthropicBaseUrl;
        // Without client keys the engine accepts any key; tools still want one.
        return { origin, apiKey: runtime.config.apiKeys[0] ?? 'sk-no-key-required' };
      },
      now: Date.now,
    }),
  });
  engine.control = control;
  // Spec 1.1: a plaintext management secret is stored as its bcrypt hash (here: applying the edit needs the engine).
  await hashPlaintextSecret(configFile, logger);
  return engine;
}

/** Two URL lists by provider id, joined per provider (the first list's URLs first). */
function mergeUrlLists(first: Record<string, string[]>, second: Record<string, string[]>): Record<string, string[]> {
  const merged: Record<string, string[]> = { ...first };
  for (const [provider, urls] of Object.entries(second)) merged[provider] = [...(merged[provider] ?? []), ...urls];
  return merged;
}

function definedOverrides(overrides: EngineOptions['overrides']): Partial<EngineConfig> {
  const result: Partial<EngineConfig> = {};
  if (overrides?.host !== undefined) result.host = overrides.host;
  if (overrides?.port !== undefined) result.port = overrides.port;
  return result;
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

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** Keys that only a new listener can apply (the engine restarts it). */
function listenerKeys(before: EngineConfig, after: EngineConfig): string[] {
  const changed: string[] = [];
  if (before.host !== after.host) changed.push('host');
  if (before.port !== after.port) changed.push('port');
  if (JSON.stringify(before.tls) !== JSON.stringify(after.tls)) changed.push('tls');
  return changed;
}

/** Keys read once at engine creation: a change is saved but applies after the app restarts. */
function appRestartKeys(initial: EngineConfig, after: EngineConfig): string[] {
  const changed: string[] = [];
  if (initial.authDir !== after.authDir) changed.push('auth-dir');
  return changed;
}

/**
 * A damaged history file (or one from a newer app version) must not keep the proxy from starting: it is
 * moved aside, kept for the user, and a fresh history begins. If SQLite itself cannot load (a native
 * module built for another Node ABI), the engine runs without usage history and says so.
 */
function openUsageHistory(path: string, settings: { enabled: boolean; nativeBinding: string | undefined }, logger: Logger): UsageStore | undefined {
  const options = {
    enabled: settings.enabled,
    ...(settings.nativeBinding ? { nativeBinding: settings.nativeBinding } : {}),
    onError: (error: unknown) => logger.error({ error: String(error) }, 'usage history write failed'),
  };
  try {
    return UsageStore.open(path, options);
  } catch (error) {
    if (isNativeModuleError(error)) {
      logger.error({ error: String(error) }, 'usage history is off: SQLite could not be loaded in this runtime');
      return undefined;
    }
    const aside = `${path}.unreadable-${Date.now()}`;
    renameSync(path, aside);
    logger.error({ error: String(error), movedTo: aside }, 'usage history could not be opened; it was moved aside and a new one started');
    return UsageStore.open(path, options);
  }
}

function isNativeModuleError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ERR_DLOPEN_FAILED' || /NODE_MODULE_VERSION|self-register|could not locate the bindings file/i.test(String(error));
}

function mainLogSettings(config: EngineConfig): MainLogSettings {
  return { toFile: config.loggingToFile, maxTotalSizeMb: config.logsMaxTotalSizeMb };
}
