import type { ConfigChangeResult, ConfigFile } from './config/config-file';
import type { LoginSessions } from './logins/login-sessions';
import type { OAuthEndpointOverrides } from './providers/provider-auth';
import type { ControlApi } from '../src-shared/control-contract';
import type { EngineStatus } from '../src-shared/engine-status';
import type { TunnelService, TunnelServiceOptions } from './tunnel/tunnel-service';

export interface EngineOptions {
  /** Path of config.yaml. Created with safe defaults when missing. */
  configPath: string;
  /** Command-line and environment overrides; they win over the file (docs/config.md#environment-variables). */
  overrides?: { host?: string; port?: number; authDir?: string; managementKey?: string };
  /** Allow binding a non-loopback host while `api-keys` is empty (an open proxy). */
  allowOpen?: boolean;
  /** Where log lines go (default: stdout). Tests pass a stream to capture them. */
  logDestination?: NodeJS.WritableStream;
  /** Folder of the built renderer served at /management.html; omitted = no control panel. */
  controlPanelDir?: string;
  /** OAuth endpoint overrides per provider (tests point them at fakes); environment variables also work. */
  oauthEndpoints?: OAuthEndpointOverrides;
  /** Usage history database; default `usage.sqlite` beside config.yaml. */
  usagePath?: string;
  /** better-sqlite3 binary for this runtime (Electron in development: `.electron-native/`); default its own. */
  sqliteNativeBinding?: string;
  /** Home folder whose client tool settings (~/.claude, ~/.codex) Connect edits; default os.homedir(). Tests pass a temp folder. */
  homeDir?: string;
  /** Loopback port for logins started through `engine.logins` (default: each provider's own; tests pass 0). */
  loginCallbackPort?: number;
  /** Public URL seams (tests: a fake cloudflared on PATH, a local release server, a hostname resolver). */
  tunnel?: TunnelServiceOptions;
}

export interface Engine {
  /** Listen on the configured host:port. Resolves once accepting connections. */
  start(): Promise<EngineStatus>;
  /** Stop accepting, drain in-flight requests, close. */
  stop(): Promise<EngineStatus>;
  status(): EngineStatus;
  onStatusChange(listener: (status: EngineStatus) => void): () => void;
  /** The control contract implementation (ARCHITECTURE.md section 4). */
  control: ControlApi;
  /** OAuth logins (start -> URL/state, poll, pasted callback, cancel) for the management routes and the UI. */
  logins: LoginSessions;
  /** config.yaml: read, validate, replace, edit (comment-preserving); every accepted change applies live. */
  configFile: ConfigFile;
  /** Stop, then release everything for good (usage history written and closed, logins cancelled). */
  close(): Promise<EngineStatus>;
  /** Re-reads auth-dir and config.yaml now (the watchers do this on their own after a change on disk). */
  reload(): Promise<ConfigChangeResult>;
  /** The public URL for Cursor (cloudflared and its own listener); stopped with the engine. */
  tunnel: TunnelService;
}
