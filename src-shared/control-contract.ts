import { z } from 'zod';
import type { AccountSummary, LoginOffer, LoginProgress, LoginStart } from './control/account-types';
import { appSettingsSchema, type AppSettings } from './control/app-settings';
import { connectableClients, type ClientConnectionStatus, type ClientPreview } from './control/client-types';
import type { ConfigCheck, ConfigSaveResult, ConfigText, ConnectionInfo } from './control/config-types';
import type { DoctorHello, DoctorReport } from './control/doctor-types';
import type { ForecastedAccountQuota } from './control/quota-forecast-types';
import type { UpdateState } from './control/update-types';
import type { RequestSummary, UsagePoint, UsageRow, UsageTotals } from './control/usage-types';
import type { EngineStatus } from './engine-status';
import { tunnelModes, type TunnelStatus, type TunnelTestResult } from './control/tunnel-types';

const id = z.string().min(1).max(512);
/** A login's name (`logins.list`): the engine, which declares the logins, checks it. */
export const loginProviderName = z.string().min(1).max(64);
const range = { from: z.number().int().nonnegative(), to: z.number().int().nonnegative() };
const groupBy = z.enum(['none', 'model', 'account', 'clientKey', 'provider', 'instance']);
/** Absent = 'engine'. 'team' needs the team store (`EngineStatus.teamStore`); only it knows `groupBy: 'instance'`. */
const usageScope = { scope: z.enum(['engine', 'team']).optional() };
const instanceNeedsTeam = (input: { groupBy: string; scope?: 'engine' | 'team' | undefined }): boolean => input.groupBy !== 'instance' || input.scope === 'team';
const instanceNeedsTeamIssue = { message: "groupBy 'instance' needs scope 'team'", path: ['groupBy'] };
/** Config text is bounded like a request body (1 MiB is far beyond any real config.yaml). */
const configText = z.string().max(1_048_576);

/**
 * The typed control contract (ARCHITECTURE.md section 4). The engine implements it once; Electron main
 * exposes it over IPC, the headless engine over HTTP. Each operation names its input schema, so every
 * transport validates the same way.
 */
export const controlOperations = {
  'status.get': z.object({}).strict(),
  'proxy.start': z.object({}).strict(),
  'proxy.stop': z.object({}).strict(),
  /** Base URLs per client protocol and the client key, masked. */
  'connection.get': z.object({}).strict(),
  /** The first client API key in full, for an explicit copy action only. */
  'connection.revealApiKey': z.object({}).strict(),
  'accounts.list': z.object({}).strict(),
  'accounts.setDisabled': z.object({ id, disabled: z.boolean() }).strict(),
  'accounts.delete': z.object({ id }).strict(),
  /** The logins the engine offers, with the words the UI shows for them. */
  'logins.list': z.object({}).strict(),
  /** `provider`: a name from `logins.list` (the engine refuses any other). */
  'login.start': z.object({ provider: loginProviderName, projectId: z.string().max(256).optional() }).strict(),
  'login.status': z.object({ state: id }).strict(),
  /** The URL the browser was redirected to, pasted by the user when the callback port is unreachable. */
  'login.submitCallback': z.object({ state: id, redirectUrl: z.string().min(1).max(8192) }).strict(),
  'login.cancel': z.object({ state: id }).strict(),
  'config.read': z.object({}).strict(),
  'config.validate': z.object({ text: configText }).strict(),
  'config.save': z.object({ text: configText }).strict(),
  /**
   * Sets a few keys in config.yaml, comments and everything else kept (the structured settings forms);
   * `value: null` removes the key. Validated like a save: an invalid result changes nothing.
   */
  'config.setValues': z
    .object({
      values: z
        .array(z.object({ path: z.array(z.union([z.string().min(1).max(128), z.number().int().min(0)])).min(1).max(6), value: z.json() }).strict())
        .min(1)
        .max(32),
    })
    .strict(),
  'usage.totals': z.object({ ...range, ...usageScope }).strict(),
  'usage.series': z.object({ ...range, bucket: z.enum(['hour', 'day']), groupBy, ...usageScope }).strict().refine(instanceNeedsTeam, instanceNeedsTeamIssue),
  'usage.breakdown': z.object({ ...range, groupBy, ...usageScope }).strict().refine(instanceNeedsTeam, instanceNeedsTeamIssue),
  /** The newest finished requests, newest first (the live strip and the log page). */
  'requests.recent': z.object({ limit: z.number().int().min(1).max(1000) }).strict(),
  /** Cached quota of every account, or one account refreshed from its provider. */
  'quota.get': z.object({ id: id.optional(), refresh: z.boolean().optional() }).strict(),
  /** The doctor's checks (docs/doctor.md): a few seconds, one unauthenticated probe per provider host. */
  'doctor.run': z.object({}).strict(),
  /** The doctor's hello (docs/doctor.md#hello): one tiny completion through that account (or each served one for 'all'). */
  'doctor.hello': z.object({ account: id }).strict(),
  /** Client tools with a one-click connector and whether they point at this engine. */
  'clients.list': z.object({}).strict(),
  /** The change Connect would make to the tool's settings file (key masked). */
  'clients.preview': z.object({ id: z.enum(connectableClients) }).strict(),
  'clients.connect': z.object({ id: z.enum(connectableClients) }).strict(),
  /** Undo exactly what Connect changed. */
  'clients.disconnect': z.object({ id: z.enum(connectableClients) }).strict(),
  /** The public URL for Cursor: state, masked key, address. */
  'tunnel.status': z.object({}).strict(),
  /**
   * Starts the public URL (default: the `tunnel:` block of config.yaml). A mode, token or URL given here is
   * saved to that block first, so the next start remembers it.
   */
  'tunnel.start': z
    .object({ mode: z.enum(tunnelModes).optional(), token: z.string().min(1).max(4096).optional(), publicUrl: z.url({ protocol: /^https$/ }).max(2048).optional() })
    .strict(),
  'tunnel.stop': z.object({}).strict(),
  /** The public key in full, for an explicit copy action only. */
  'tunnel.revealKey': z.object({}).strict(),
  /** The public key stops working at once; a running public URL gets a new one. */
  'tunnel.revokeKey': z.object({}).strict(),
  /** Calls the public URL from the app the way Cursor does (chat with `model`, or the model list). */
  'tunnel.test': z.object({ model: z.string().min(1).max(256).optional() }).strict(),
  /** Desktop app preferences (Electron main answers these; the engine alone has none). */
  'settings.get': z.object({}).strict(),
  'settings.set': appSettingsSchema.partial().strict(),
  /** The desktop app's updater: what it is doing, or why updates cannot work in this install. */
  'updates.get': z.object({}).strict(),
  /** Check now (and download a newer version in the background), whatever the automatic setting says. */
  'updates.check': z.object({}).strict(),
} as const;

export type ControlOperation = keyof typeof controlOperations;

export interface ControlOutputs {
  'status.get': EngineStatus;
  'proxy.start': EngineStatus;
  'proxy.stop': EngineStatus;
  'connection.get': ConnectionInfo;
  'connection.revealApiKey': { apiKey: string | null };
  'accounts.list': AccountSummary[];
  'accounts.setDisabled': AccountSummary[];
  'accounts.delete': AccountSummary[];
  'logins.list': LoginOffer[];
  'login.start': LoginStart;
  'login.status': LoginProgress;
  'login.submitCallback': { ok: true };
  'login.cancel': { cancelled: boolean };
  'config.read': ConfigText;
  'config.validate': ConfigCheck;
  'config.save': ConfigSaveResult;
  'config.setValues': ConfigSaveResult;
  'usage.totals': UsageTotals;
  'usage.series': UsagePoint[];
  'usage.breakdown': UsageRow[];
  'requests.recent': RequestSummary[];
  'quota.get': ForecastedAccountQuota[];
  'doctor.run': DoctorReport;
  'doctor.hello': DoctorHello[];
  'clients.list': ClientConnectionStatus[];
  'clients.preview': ClientPreview;
  'clients.connect': ClientConnectionStatus;
  'clients.disconnect': ClientConnectionStatus;
  'tunnel.status': TunnelStatus;
  'tunnel.start': TunnelStatus;
  'tunnel.stop': TunnelStatus;
  'tunnel.revealKey': { key: string | null };
  'tunnel.revokeKey': TunnelStatus;
  'tunnel.test': TunnelTestResult;
  'settings.get': AppSettings;
  'settings.set': AppSettings;
  'updates.get': UpdateState;
  'updates.check': UpdateState;
}

export type ControlInput<Op extends ControlOperation> = z.infer<(typeof controlOperations)[Op]>;

export interface ControlEvents {
  'status.changed': EngineStatus;
  /** After every proxied request (the live strip). */
  'request.finished': RequestSummary;
  /** An account was added, removed, enabled, disabled, or changed state (cooldown, needs re-login). */
  'accounts.changed': AccountSummary[];
  /** A login started from any transport (the tray, the dashboard, the web panel): lets every page show its progress. */
  'login.started': LoginStart;
  /** A login started from any transport ended. */
  'login.finished': { state: string; provider: string; progress: LoginProgress };
  /** config.yaml changed (saved here or on disk) and was applied, or was rejected. */
  'config.changed': { applied: boolean; problems: ConfigCheck['problems'] };
  /** The public URL started, stopped, restarted, downloaded cloudflared, or changed its key. */
  'tunnel.changed': TunnelStatus;
  /** The desktop app's updater moved (checking, progress, ready, error). */
  'updates.changed': UpdateState;
}
export type ControlEvent = keyof ControlEvents;
export const controlEvents: readonly ControlEvent[] = ['status.changed', 'request.finished', 'accounts.changed', 'login.started', 'login.finished', 'config.changed', 'tunnel.changed', 'updates.changed'];

/**
 * UNAUTHORIZED: the HTTP transport's management key is missing or wrong (HTTP 401).
 * UNAVAILABLE: the engine cannot be reached, or remote management is turned off (HTTP 404 / network error).
 */
export type ControlErrorCode =
  | 'INVALID_INPUT'
  | 'UNKNOWN_OPERATION'
  | 'FORBIDDEN'
  | 'UNAUTHORIZED'
  | 'UNAVAILABLE'
  | 'FAILED';

export type ControlResult<T> =
  | { ok: true; value: T }
  | { ok: false; error: { code: ControlErrorCode; message: string } };

/** The operations as an interface: what the engine implements and what control clients offer. */
export interface ControlApi {
  invoke<Op extends ControlOperation>(operation: Op, input: ControlInput<Op>): Promise<ControlOutputs[Op]>;
  on<E extends ControlEvent>(event: E, listener: (payload: ControlEvents[E]) => void): () => void;
}

/**
 * What the Electron preload exposes as `window.cliproxy` (src-main/preload/preload.cjs). Untyped on purpose:
 * the preload checks names against its allowlist and main validates inputs; the renderer's IPC transport
 * restores the types.
 */
export interface ControlBridge {
  invoke(operation: string, input: unknown): Promise<ControlResult<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

export function isControlOperation(name: unknown): name is ControlOperation {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(controlOperations, name);
}

export function isControlEvent(name: unknown): name is ControlEvent {
  return typeof name === 'string' && (controlEvents as readonly string[]).includes(name);
}
