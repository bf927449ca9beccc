import { describeLoginWarning } from '../../auth-store/login-warning';
import type { ConfigFile } from '../../config/config-file';
import type { LoginSessions } from '../../logins/login-sessions';
import type { DoctorService, ManagementContext } from '../../management/management-context';
import type { QuotaService } from '../../quota/quota-service';
import type { ServerDeps } from '../../server/server-deps';
import type { TeamUsageReader } from '../../usage/team-usage-reader';
import type { UsageStore } from '../../usage/usage-store';
import type { OAuthAccounts } from '../oauth-accounts';
import type { LiveRuntime } from './live-runtime';

/** The engine's live parts as the /v0/management routes and the control contract see them. */
export type EngineManagement = ManagementContext & { quota: QuotaService; doctor: DoctorService };

export interface ManagementParts {
  deps: ServerDeps;
  runtime: LiveRuntime;
  configFile: ConfigFile;
  accounts: OAuthAccounts;
  logins: LoginSessions;
  usage: UsageStore | undefined;
  teamUsage: TeamUsageReader | undefined;
  quota: QuotaService;
  doctor: DoctorService;
}

export function buildManagementContext(parts: ManagementParts): EngineManagement {
  const { deps, quota } = parts;
  // POST /api-call sends an account's token only to its provider: the base URL, plus these account endpoints.
  const providerUrls = mergeUrlLists(parts.accounts.apiCallUrls(), quota.accountUrls());
  return {
    configFile: parts.configFile,
    getRuntime: deps.getRuntime,
    authStore: parts.accounts.store,
    health: deps.health,
    counters: parts.runtime.counters,
    logins: parts.logins,
    logger: deps.logger,
    now: deps.now,
    usage: parts.usage,
    teamUsage: parts.teamUsage,
    quota,
    doctor: parts.doctor,
    apiCall: { dispatchers: deps.dispatchers, providerUrls },
    loginWarningOf: (record) => {
      const { refresher } = parts.accounts;
      return describeLoginWarning({ trouble: refresher.renewalTrouble(record.id), expiresAt: record.expiresAt, renewable: refresher.canRefresh(record), now: deps.now() });
    },
  };
}

/** Two URL lists by provider id, joined per provider (the first list's URLs first). */
function mergeUrlLists(first: Record<string, string[]>, second: Record<string, string[]>): Record<string, string[]> {
  const merged: Record<string, string[]> = { ...first };
  for (const [provider, urls] of Object.entries(second)) merged[provider] = [...(merged[provider] ?? []), ...urls];
  return merged;
}
