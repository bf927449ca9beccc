import { EventEmitter } from 'node:events';
import type { ControlApi, ControlEvent, ControlEvents, ControlInput, ControlOperation, ControlOutputs } from '../../src-shared/control-contract';
import type { AccountSummary, LoginProgress } from '../../src-shared/control/account-types';
import type { EngineStatus } from '../../src-shared/engine-status';
import type { ClientConnections } from '../connect/client-connections';
import type { DoctorService, ManagementContext } from '../management/management-context';
import type { QuotaService } from '../quota/quota-service';
import { toAccountQuotas } from './control/account-quotas';
import { deleteAccount, setAccountDisabled } from './control/account-actions';
import { saveConfigText, setConfigValues, validateConfigText } from './control/config-operations';
import { connectionInfo } from './control/connection-info';
import { listAccounts } from './control/list-accounts';
import { recentRequests, type RecentRequests } from './control/recent-requests';
import { usageBreakdown, usageSeries, usageTotals } from './control/usage-queries';
import { isOfferedLogin, loginOffers } from '../logins/login-offers';
import type { LoginStatus } from '../logins/login-sessions';
import type { TunnelService } from '../tunnel/tunnel-service';
import { startTunnel } from './control/tunnel-operations';

/** The engine parts the control contract works on (live objects, never copies). */
export interface EngineControlParts {
  start(): Promise<EngineStatus>;
  stop(): Promise<EngineStatus>;
  status(): EngineStatus;
  onStatusChange(listener: (status: EngineStatus) => void): () => void;
  /** The engine's live parts, shared with the /v0/management routes. */
  management: ManagementContext & { quota: QuotaService; doctor: DoctorService };
  recentRequests: RecentRequests;
  clients: ClientConnections;
  tunnel: TunnelService;
}

/** The control contract plus `emit`, through which the engine publishes its events. */
export interface EngineControl extends ControlApi {
  emit<E extends Exclude<ControlEvent, 'status.changed'>>(event: E, payload: ControlEvents[E]): void;
  /** The account list as the UI shows it (also the payload of 'accounts.changed'). */
  accounts(): AccountSummary[];
}

type Handlers = { [Op in ControlOperation]: (input: ControlInput<Op>) => Promise<ControlOutputs[Op]> };

/** The control contract implemented on top of the engine; IPC and HTTP transports both call this. */
export function createEngineControl(parts: EngineControlParts): EngineControl {
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const { management } = parts;
  const accounts = () => listAccounts(management);
  // Every login, whichever route started it (the UI, the tray, CPA's management routes).
  parts.tunnel.onChange((status) => events.emit('tunnel.changed', status));
  management.logins.onStarted((started) =>
    events.emit('login.started', { state: started.state, provider: management.logins.controlName(started.provider), url: started.url, userCode: started.userCode ?? null, expiresIn: started.expiresIn ?? null }),
  );
  management.logins.onFinished((state, provider, status) => events.emit('login.finished', { state, provider: management.logins.controlName(provider), progress: toProgress(status) }));
  const handlers: Handlers = {
    'status.get': async () => parts.status(),
    'proxy.start': () => parts.start(),
    'proxy.stop': () => parts.stop(),
    'connection.get': async () => {
      const { config } = management.getRuntime();
      return connectionInfo(parts.status(), config.apiKeys, config.tls.enable);
    },
    'connection.revealApiKey': async () => ({ apiKey: management.getRuntime().config.apiKeys[0] ?? null }),
    'accounts.list': async () => accounts(),
    'accounts.setDisabled': async ({ id, disabled }) => {
      await setAccountDisabled(management, id, disabled);
      return accounts();
    },
    'accounts.delete': async ({ id }) => {
      await deleteAccount(management, id);
      return accounts();
    },
    'logins.list': async () => loginOffers(),
    'login.start': async ({ provider, projectId }) => {
      if (!isOfferedLogin(provider)) throw new Error(`There is no login named '${provider}'.`);
      const started = await management.logins.start(provider, projectId === undefined ? {} : { projectId });
      return { state: started.state, provider, url: started.url, userCode: started.userCode ?? null, expiresIn: started.expiresIn ?? null };
    },
    'login.status': async ({ state }) => toProgress(management.logins.status(state)),
    'login.submitCallback': async ({ state, redirectUrl }) => {
      const submitted = management.logins.submitCallback({ state, redirectUrl });
      if (!submitted.ok) throw new Error(`The callback URL was not accepted: ${submitted.error}.`);
      return { ok: true };
    },
    'login.cancel': async ({ state }) => ({ cancelled: management.logins.cancel(state) }),
    'config.read': async () => ({ path: management.configFile.path, text: await management.configFile.readText() }),
    'config.validate': async ({ text }) => validateConfigText(management.configFile, text),
    'config.save': ({ text }) => saveConfigText(management.configFile, text),
    'config.setValues': ({ values }) => setConfigValues(management.configFile, values),
    'usage.totals': (input) => usageTotals(management, input),
    'usage.series': (input) => usageSeries(management, input),
    'usage.breakdown': (input) => usageBreakdown(management, input),
    'requests.recent': async ({ limit }) => recentRequests(parts.recentRequests, management.usage, limit),
    'quota.get': async ({ id, refresh }) => {
      if (id !== undefined && refresh === true && (await management.quota.refresh(id)) === undefined) throw new Error(`No account '${id}'.`);
      return toAccountQuotas(management.quota.list());
    },
    'doctor.run': () => management.doctor.run(),
    'doctor.hello': async ({ account }) => {
      const hellos = await management.doctor.hello(account);
      if (!hellos) throw new Error(`No account '${account}' is served now (unknown, disabled, or its login cannot be used).`);
      return hellos;
    },
    'clients.list': () => parts.clients.list(),
    'clients.preview': ({ id }) => parts.clients.preview(id),
    'clients.connect': ({ id }) => parts.clients.connect(id),
    'clients.disconnect': ({ id }) => parts.clients.disconnect(id),
    'tunnel.status': async () => parts.tunnel.current(),
    'tunnel.start': (input) => startTunnel(parts.tunnel, management.configFile, input),
    'tunnel.stop': () => parts.tunnel.stop(),
    'tunnel.revealKey': async () => ({ key: parts.tunnel.keys.validKey()?.key ?? null }),
    'tunnel.revokeKey': () => parts.tunnel.revokeKey(),
    'tunnel.test': ({ model }) => parts.tunnel.test(model),
    'settings.get': () => desktopOnly(),
    'settings.set': () => desktopOnly(),
    'updates.get': () => desktopOnly(),
    'updates.check': () => desktopOnly(),
  };

  return {
    invoke<Op extends ControlOperation>(operation: Op, input: ControlInput<Op>): Promise<ControlOutputs[Op]> {
      const handler = handlers[operation] as (value: ControlInput<Op>) => Promise<ControlOutputs[Op]>;
      return handler(input);
    },
    on<E extends ControlEvent>(event: E, listener: (payload: ControlEvents[E]) => void): () => void {
      if (event === 'status.changed') return parts.onStatusChange(listener as (status: EngineStatus) => void);
      events.on(event, listener);
      return () => events.off(event, listener);
    },
    emit(event, payload) {
      events.emit(event, payload);
    },
    accounts,
  };
}

/** App preferences belong to the desktop app; Electron main answers these operations itself. */
async function desktopOnly(): Promise<never> {
  throw new Error('App settings exist only in the desktop app.');
}

function toProgress(status: LoginStatus): LoginProgress {
  if (status.status === 'ok') return { status: 'ok', email: status.email };
  return status;
}
