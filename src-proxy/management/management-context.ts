import type { DoctorHello, DoctorReport } from '../../src-shared/control/doctor-types';
import type { AuthRecord } from '../auth-store/auth-record';
import type { LoginWarning } from '../auth-store/login-warning';
import type { Logger } from 'pino';
import type { AuthStore } from '../auth-store/auth-store';
import type { ConfigFile } from '../config/config-file';
import type { LoginSessions } from '../logins/login-sessions';
import type { CredentialCounters } from '../routing/credential-counters';
import type { CredentialHealth } from '../routing/credential-health';
import type { QuotaService } from '../quota/quota-service';
import type { Runtime } from '../runtime/runtime';
import type { TeamUsageReader } from '../usage/team-usage-reader';
import type { UsageStore } from '../usage/usage-store';
import type { ApiCallDeps } from './api-call/api-call-deps';

/**
 * What the CLIProxyAPI-compatible `/v0/management` routes work on: the engine's live parts, never
 * copies. Each route group takes this and registers itself in `register-management-routes.ts`.
 */
export interface ManagementContext {
  /** config.yaml: read / validate / replace / edit; every accepted change is written atomically and applied live. */
  configFile: ConfigFile;
  /** What the engine serves now (config, credentials incl. OAuth accounts, client keys). */
  getRuntime(): Runtime;
  /** auth-dir: the OAuth account files. */
  authStore: AuthStore;
  /** Cooldowns and quota state per credential. */
  health: CredentialHealth;
  /** Per-credential success/failed counts fed from request-finished events (docs/management-api.md#credential-state); absent = all zeros. */
  counters?: CredentialCounters;
  logins: LoginSessions;
  /** Usage history (usage.sqlite); without it the /usage routes do not exist. */
  usage?: UsageStore | undefined;
  /** A team server's shared usage history (`scope=team` on the /usage routes); absent = this engine only. */
  teamUsage?: TeamUsageReader | undefined;
  /** Quota per account (headers, quota errors, usage endpoints); without it the /quota routes do not exist. */
  quota?: QuotaService | undefined;
  /** Outbound connections and provider account endpoints for `POST /api-call`; without it that route does not exist. */
  apiCall?: ApiCallDeps | undefined;
  logger: Logger;
  now(): number;
  /** The doctor (docs/doctor.md); without it `GET /doctor` does not exist. */
  doctor?: DoctorService | undefined;
  /** An auth file's early warning (renewals failing, an end nothing renews: auth-store/login-warning.ts); absent = none. */
  loginWarningOf?(record: AuthRecord): LoginWarning | null;
}

/** The doctor's checks, and its per-account hello (only when asked: one request per account). */
export interface DoctorService {
  run(): Promise<DoctorReport>;
  /** `account`: an auth file name, a credential id or 'all'; undefined when no served account matches. */
  hello(account: string): Promise<DoctorHello[] | undefined>;
}
