import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { AuthRecord } from '../../auth-store/auth-record';
import type { Credential } from '../../routing/credential';
import type { ManagementContext } from '../management-context';

/** One auth-dir file as the routes see it: parsed (record) or skipped (problem), with its live credentials. */
export interface FileAccount {
  kind: 'file';
  /** File name relative to auth-dir: CPA's credential id. */
  id: string;
  path: string;
  authIndex: string;
  record: AuthRecord | null;
  /** Why the file is not used (bad JSON, unknown type); null when it parsed. */
  problem: string | null;
  /** Routing credentials built from the file: none when disabled or its provider has no executor, several for a Gemini project list. */
  credentials: Credential[];
}

/** A config API-key credential (`*-api-key`, `openai-compatibility`): its id is already CPA's auth index. */
export interface ConfigAccount {
  kind: 'config';
  authIndex: string;
  credential: Credential;
}

/**
 * CPA's auth index for a file credential (docs/management-api.md#auth-files): 16 hex chars of SHA-256 over `<type>:<absolute path>`,
 * so it is stable across restarts. Every credential built from one file shares it.
 */
export function fileAuthIndex(provider: string, path: string): string {
  return createHash('sha256').update(`${provider}:${path}`).digest('hex').slice(0, 16);
}

export function listFileAccounts(context: ManagementContext): FileAccount[] {
  const { authStore } = context;
  const credentials = context.getRuntime().credentials;
  const accounts: FileAccount[] = authStore.list().map((record) => {
    const path = join(authStore.folder, record.id);
    const own = credentials.filter((credential) => credential.id === `auth:${record.id}` || credential.id.startsWith(`auth:${record.id}::`));
    return { kind: 'file', id: record.id, path, authIndex: fileAuthIndex(record.provider, path), record, problem: null, credentials: own };
  });
  for (const [id, problem] of authStore.skipped()) {
    const path = join(authStore.folder, id);
    accounts.push({ kind: 'file', id, path, authIndex: fileAuthIndex('', path), record: null, problem, credentials: [] });
  }
  return accounts;
}

export function listConfigAccounts(context: ManagementContext): ConfigAccount[] {
  return context
    .getRuntime()
    .credentials.filter((credential) => !credential.id.startsWith('auth:'))
    .map((credential) => ({ kind: 'config', authIndex: credential.id, credential }));
}

/**
 * CPA's lookup (auth_files.go lookupAuthFile): by file name / credential id, narrowed by `auth_index`
 * when both are given; by `auth_index` alone as well (reset-quota, status by index).
 */
export function findAccount(context: ManagementContext, name: string, authIndex: string): FileAccount | ConfigAccount | null {
  const candidates: Array<FileAccount | ConfigAccount> = [...listFileAccounts(context), ...listConfigAccounts(context)];
  return (
    candidates.find((account) => {
      const key = account.kind === 'file' ? account.id : account.credential.id;
      if (name !== '' && key !== name) return false;
      if (authIndex !== '' && account.authIndex !== authIndex) return false;
      return name !== '' || authIndex !== '';
    }) ?? null
  );
}
