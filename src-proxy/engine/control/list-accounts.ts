import type { AccountStatus, AccountSummary } from '../../../src-shared/control/account-types';
import type { Credential } from '../../routing/credential';
import type { Cooldown } from '../../routing/credential-health';
import { listConfigAccounts, listFileAccounts } from '../../management/auth-file-routes/auth-accounts';
import { describeAccountStatus, type AccountFacts } from '../../management/auth-file-routes/describe-account-status';
import type { ManagementContext } from '../../management/management-context';
import { allProviders, loginProviders } from '../../providers/registry';

/**
 * Every account the engine knows, for the desktop UI: config API-key entries, then auth files (disabled,
 * unreadable and needs-re-login files too, so the user can act on them). The status is the one the CPA
 * auth-file list reports (describeAccountStatus), with "needs a new login" told apart from other errors.
 * Never a token or key.
 */
export function listAccounts(context: ManagementContext): AccountSummary[] {
  const now = context.now();
  const cooldownsOf = (credentials: readonly Credential[]): Cooldown[] => credentials.flatMap((credential) => context.health.cooldowns(credential.id, now));
  const fromConfig = listConfigAccounts(context).map(({ credential }): AccountSummary => {
    const disabled = credential.excludedModels.includes('*');
    return {
      id: credential.id,
      provider: credential.provider,
      ...providerWords(credential.provider),
      kind: 'api-key',
      label: credential.label,
      email: null,
      ...summarize({ problem: null, provider: credential.provider, disabled, needsRelogin: false, needsReloginReason: '', routed: true, cooldowns: cooldownsOf([credential]) }),
      expiresAt: null,
      disabled,
      models: modelsOf([credential]),
    };
  });
  const fromFiles = listFileAccounts(context).map((account): AccountSummary => {
    const { record } = account;
    const summary = summarize({
      problem: account.problem,
      provider: record?.provider ?? 'unknown',
      disabled: record?.disabled ?? false,
      needsRelogin: record?.needsRelogin ?? false,
      needsReloginReason: record?.needsReloginReason ?? '',
      routed: account.credentials.length > 0,
      cooldowns: cooldownsOf(account.credentials),
    });
    // An account that still works says what will stop it (renewals failing, an end nothing renews).
    const warning = record && summary.status === 'active' ? context.loginWarningOf?.(record) : null;
    return {
      id: account.id,
      provider: record?.provider ?? 'unknown',
      ...providerWords(record?.provider ?? 'unknown'),
      kind: 'oauth',
      label: record?.email || account.id,
      email: record?.email || null,
      ...summary,
      ...(warning ? { statusMessage: warning.message, loginWarning: warning.kind } : {}),
      expiresAt: record?.expiresAt ?? null,
      disabled: record?.disabled ?? false,
      models: modelsOf(account.credentials),
    };
  });
  return [...fromConfig, ...fromFiles];
}

function summarize(facts: AccountFacts): { status: AccountStatus; statusMessage: string | null; coolingUntil: number | null } {
  const described = describeAccountStatus(facts);
  const status: AccountStatus = described.status === 'error' && facts.needsRelogin && !facts.disabled && facts.problem === null ? 'needs-relogin' : described.status;
  return { status, statusMessage: described.status_message === '' ? null : described.status_message, coolingUntil: described.status === 'cooling' ? described.nextRetryAfter : null };
}

/** The provider's own words for the UI (its declared label; the login that renews it), the id itself for an unknown one. */
function providerWords(id: string): Pick<AccountSummary, 'providerLabel' | 'renewWith'> {
  const provider = allProviders().find((each) => each.id === id);
  return { providerLabel: provider?.label ?? id, renewWith: loginProviders.find((each) => each.id === id)?.auth.login.controlName ?? null };
}

function modelsOf(credentials: readonly Credential[]): string[] {
  const names = new Set<string>();
  for (const credential of credentials) for (const model of credential.models ?? []) names.add(model.alias);
  return [...names].sort();
}
