import type { AccountStatus, AccountSummary } from '../../../src-shared/control/account-types';
import type { AuthRecord } from '../../auth-store/auth-record';
import type { Credential } from '../../routing/credential';
import type { CredentialHealth } from '../../routing/credential-health';

export interface AccountSources {
  credentials: readonly Credential[];
  authRecords: readonly AuthRecord[];
  health: CredentialHealth;
  now: number;
}

const cooldownReasons: Record<string, string> = {
  unauthorized: 'the provider refused the credentials',
  payment_required: 'the provider asks for payment',
  not_found: 'the model was not found',
  model_not_supported: 'the model is not supported',
  quota: 'rate limited',
  transient: 'the provider failed',
};

/**
 * Every account the engine knows, in routing order: config API-key entries, then auth files (a disabled
 * or unroutable file is listed too, so the user can see and re-enable it). Never a token or key.
 */
export function listAccounts(sources: AccountSources): AccountSummary[] {
  const byFile = new Map<string, Credential[]>();
  const accounts: AccountSummary[] = [];
  for (const credential of sources.credentials) {
    if (credential.oauth) {
      const fileId = fileIdOf(credential.id);
      byFile.set(fileId, [...(byFile.get(fileId) ?? []), credential]);
      continue;
    }
    accounts.push({
      id: credential.id,
      provider: credential.provider,
      kind: 'api-key',
      label: credential.label,
      email: null,
      ...cooldownStatus(sources, [credential.id]),
      expiresAt: null,
      disabled: false,
      models: modelsOf([credential]),
    });
  }
  for (const record of sources.authRecords) {
    const credentials = byFile.get(record.id) ?? [];
    const base = {
      id: record.id,
      provider: record.provider,
      kind: 'oauth' as const,
      label: record.email || record.id,
      email: record.email || null,
      expiresAt: record.expiresAt,
      disabled: record.disabled,
      models: modelsOf(credentials),
    };
    if (record.disabled) accounts.push({ ...base, status: 'disabled', statusMessage: 'Disabled', coolingUntil: null });
    else if (needsRelogin(record)) accounts.push({ ...base, status: 'needs-relogin', statusMessage: 'Needs a new login', coolingUntil: null });
    else if (credentials.length === 0) accounts.push({ ...base, status: 'error', statusMessage: `No executor for '${record.type}' accounts`, coolingUntil: null });
    else accounts.push({ ...base, ...cooldownStatus(sources, credentials.map((credential) => credential.id)) });
  }
  return accounts;
}

/** Gemini CLI files with several projects serve one credential per project: `auth:<file>::<project>`. */
function fileIdOf(credentialId: string): string {
  const withoutPrefix = credentialId.startsWith('auth:') ? credentialId.slice('auth:'.length) : credentialId;
  const projectSeparator = withoutPrefix.indexOf('::');
  return projectSeparator === -1 ? withoutPrefix : withoutPrefix.slice(0, projectSeparator);
}

function needsRelogin(record: AuthRecord): boolean {
  return record.data.needs_relogin === true;
}

function cooldownStatus(sources: AccountSources, credentialIds: readonly string[]): { status: AccountStatus; statusMessage: string | null; coolingUntil: number | null } {
  // A multi-project file is cooling only when every project is.
  const cooldowns = credentialIds.map((id) => sources.health.cooldownOf(id, sources.now));
  if (cooldowns.length === 0 || cooldowns.some((cooldown) => cooldown === null)) return { status: 'active', statusMessage: null, coolingUntil: null };
  const earliest = cooldowns.reduce((a, b) => (a !== null && b !== null && b.until < a.until ? b : a));
  if (earliest === null) return { status: 'active', statusMessage: null, coolingUntil: null };
  const reason = cooldownReasons[earliest.reason] ?? earliest.reason;
  return { status: 'cooling', statusMessage: `Cooling down: ${reason}`, coolingUntil: earliest.until };
}

function modelsOf(credentials: readonly Credential[]): string[] {
  const names = new Set<string>();
  for (const credential of credentials) for (const model of credential.models ?? []) names.add(model.alias);
  return [...names].sort();
}
