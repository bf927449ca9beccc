import type { CredentialUsage } from '../../routing/credential-counters';
import { readConfigObject } from '../config-routes/config-edit';
import { listConfigAccounts } from './auth-accounts';
import type { AuthFileRouteDeps } from './auth-file-route-deps';
import { locateConfigEntry } from './toggle-config-key-exclusion';

/**
 * CPA's `GET /api-key-usage` (docs/management-api.md#credential-state): config API-key credentials grouped by
 * provider (an openai-compatibility entry's name, lower-cased), each under `<base-url>|<api-key>` as the file
 * writes them: the base URL is the entry's own `base-url` ('' when it names none, not our default), which is
 * the key the official panel looks its provider rows up by. Credentials with the same pair are summed.
 * The key is sent only to the management key's holder, who reads it in the same entries from `GET /config`.
 */
export async function readApiKeyUsage(deps: AuthFileRouteDeps): Promise<Record<string, Record<string, CredentialUsage>>> {
  const { context } = deps;
  const { config } = context.getRuntime();
  const written = await readConfigObject(context.configFile);
  const idsByKey = new Map<string, Map<string, string[]>>();
  for (const { credential } of listConfigAccounts(context)) {
    if (credential.apiKey === '') continue;
    const location = locateConfigEntry(credential, config);
    const baseUrl = location === null ? credential.baseUrl : writtenBaseUrl(written, location.section, location.index);
    const group = credential.provider === 'openai-compatible' ? credential.providerKey.slice('openai-compatible-'.length) : credential.providerKey;
    const keys = idsByKey.get(group.toLowerCase()) ?? new Map<string, string[]>();
    idsByKey.set(group.toLowerCase(), keys);
    const key = `${baseUrl}|${credential.apiKey}`;
    keys.set(key, [...(keys.get(key) ?? []), credential.id]);
  }
  const now = context.now();
  return Object.fromEntries(
    [...idsByKey].map(([group, keys]) => [group, Object.fromEntries([...keys].map(([key, ids]) => [key, deps.counters.combined(ids, now)]))]),
  );
}

function writtenBaseUrl(written: Record<string, unknown>, section: string, index: number): string {
  const list = written[section];
  const entry: unknown = Array.isArray(list) ? list[index] : undefined;
  const baseUrl = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>)['base-url'] : undefined;
  return typeof baseUrl === 'string' ? baseUrl.trim() : '';
}
