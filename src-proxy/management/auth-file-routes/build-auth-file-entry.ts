import type { AuthRecord } from '../../auth-store/auth-record';
import { authFileProviders } from '../../providers/registry';
import type { CredentialCounters } from '../../routing/credential-counters';
import type { CredentialHealth } from '../../routing/credential-health';
import type { FileAccount } from './auth-accounts';
import { describeAccountStatus } from './describe-account-status';

/** What the disk says about the file (null when it vanished since the last scan). */
export interface FileStat {
  size: number;
  modifiedAt: number;
  createdAt: number;
}

export interface EntrySources {
  health: CredentialHealth;
  counters: CredentialCounters;
  now: number;
}

/**
 * One `GET /auth-files` entry (docs/management-api.md#auth-files, CPA HEAD's field names). Built from a fixed list of fields: no
 * access/refresh token, API key or cookie of the file ever reaches it; a Codex `id_token` appears only as
 * its decoded account id and plan.
 */
export function buildAuthFileEntry(account: FileAccount, stat: FileStat | null, sources: EntrySources): Record<string, unknown> {
  const { record } = account;
  const data = record?.data ?? {};
  const credentialIds = account.credentials.map((credential) => credential.id);
  const status = describeAccountStatus({
    problem: account.problem,
    provider: record?.provider ?? '',
    disabled: record?.disabled ?? false,
    needsRelogin: data.needs_relogin === true,
    needsReloginReason: text(data.needs_relogin_reason),
    routed: credentialIds.length > 0,
    cooldowns: credentialIds.flatMap((id) => sources.health.cooldowns(id, sources.now)),
  });
  const usage = sources.counters.combined(credentialIds, sources.now);
  const entry: Record<string, unknown> = {
    id: account.id,
    auth_index: account.authIndex,
    name: account.id,
    type: record?.provider ?? '',
    provider: record?.provider ?? '',
    label: record?.email || account.id,
    status: status.status,
    status_message: status.status_message,
    disabled: record?.disabled ?? false,
    unavailable: status.unavailable,
    runtime_only: false,
    source: stat ? 'file' : 'memory',
    size: stat?.size ?? 0,
    path: account.path,
    account_type: 'oauth',
    success: usage.success,
    failed: usage.failed,
    recent_requests: usage.recent_requests,
  };
  if (record?.email) entry.email = record.email;
  if (record?.email) entry.account = record.email;
  const projectId = text(data.project_id);
  if (projectId) entry.project_id = projectId;
  if (stat) {
    entry.created_at = iso(stat.createdAt);
    entry.modtime = iso(stat.modifiedAt);
    entry.updated_at = iso(stat.modifiedAt);
  }
  if (record?.lastRefresh) entry.last_refresh = iso(record.lastRefresh);
  if (status.nextRetryAfter !== null) entry.next_retry_after = iso(status.nextRetryAfter);
  if (Number.isInteger(data.priority)) entry.priority = data.priority;
  const note = text(data.note);
  if (note) entry.note = note;
  if (Number.isInteger(data.weight)) entry.weight = data.weight;
  if (typeof data.websockets === 'boolean') entry.websockets = data.websockets;
  if (Number.isInteger(data.request_retry)) entry.request_retry = data.request_retry;
  const idToken = record ? idTokenOf(record) : null;
  if (idToken) entry.id_token = idToken;
  return entry;
}

/** The file's `id_token` entry, as its provider declares it (`auth.authFileIdToken`). */
function idTokenOf(record: AuthRecord): Record<string, string> | null {
  return authFileProviders.find((provider) => provider.id === record.provider)?.auth.authFileIdToken?.(record) ?? null;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
