import { formatConfigProblems, loadConfigFile } from '../config/load-config';
import { saveConfigDocument, setConfigValue } from '../config/config-document';
import { hashManagementKey, SECRET_KEY_PATH } from './management-secret';

/** Shortest key accepted: the key guards every account and the config over HTTP. */
export const MIN_MANAGEMENT_KEY_LENGTH = 8;

/** Why `key` cannot be a management key, or null when it can. */
export function managementKeyProblem(key: string): string | null {
  if (key.length < MIN_MANAGEMENT_KEY_LENGTH) return `the management key needs at least ${MIN_MANAGEMENT_KEY_LENGTH} characters`;
  // Sent in an HTTP header (Authorization / X-Management-Key): no spaces or control characters.
  if (!/^[\x21-\x7e]+$/.test(key)) return 'the management key may hold printable ASCII characters only, no spaces';
  return null;
}

export type StoreManagementKeyResult = { ok: true; replacedKey: boolean } | { ok: false; message: string };

/**
 * `cliproxy set-management-key`: writes the bcrypt hash of `key` as `remote-management.secret-key`
 * (the key itself is never written), through the yaml Document so comments, order and unknown keys stay.
 * A running engine picks the change up from its file watcher; the guard reads the secret per request.
 */
export async function storeManagementKey(configPath: string, key: string): Promise<StoreManagementKeyResult> {
  const problem = managementKeyProblem(key);
  if (problem !== null) return { ok: false, message: problem };
  const loaded = await loadConfigFile(configPath);
  if (!loaded.ok) return { ok: false, message: formatConfigProblems(loaded.problems, configPath) };
  setConfigValue(loaded.document, SECRET_KEY_PATH, await hashManagementKey(key));
  await saveConfigDocument(configPath, loaded.document);
  return { ok: true, replacedKey: loaded.config.remoteManagement.secretKey !== '' };
}
