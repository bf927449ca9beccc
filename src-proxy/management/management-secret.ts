import { createHash, timingSafeEqual } from 'node:crypto';
import type { ConfigChangeResult, ConfigFile } from '../config/config-file';
import { setConfigValue } from '../config/config-document';
import { formatConfigProblems } from '../config/config-problems';

/** CPA stores `remote-management.secret-key` as a bcrypt hash with Go's default cost. */
const BCRYPT_COST = 10;
const BCRYPT_PREFIXES = ['$2a$', '$2b$', '$2y$'] as const;
export const SECRET_KEY_PATH = ['remote-management', 'secret-key'] as const;

/** bcryptjs is loaded when a key is first hashed or checked against a hash, not at start (bench/README.md, "Start time"). */
const loadBcrypt = () => import('bcryptjs').then((module) => module.default);

export function isBcryptHash(value: string): boolean {
  return BCRYPT_PREFIXES.some((prefix) => value.startsWith(prefix));
}

/** Constant time regardless of lengths: compare fixed-size digests. */
export function secretsMatch(provided: string, secret: string): boolean {
  return timingSafeEqual(sha256(provided), sha256(secret));
}

/** The value stored as `remote-management.secret-key` for a management key (never the key itself). */
export async function hashManagementKey(key: string): Promise<string> {
  return (await loadBcrypt()).hash(key, BCRYPT_COST);
}

/**
 * docs/config.md#loading-and-normalisation, docs/management-api.md#authentication: a plaintext `remote-management.secret-key` is replaced in the file by its bcrypt hash
 * (only that scalar changes; comments stay). Run once when the engine starts. The plaintext keeps working:
 * the guard compares keys against the hash. Returns null when there was nothing to hash.
 */
export async function hashPlaintextSecret(configFile: ConfigFile, logger?: { warn(message: string): void }): Promise<ConfigChangeResult | null> {
  const plaintext = configFile.config().remoteManagement.secretKey;
  if (plaintext === '' || isBcryptHash(plaintext)) return null;
  const hash = await hashManagementKey(plaintext);
  const result = await configFile.edit((document, config) => {
    // The file may have changed while bcrypt ran: only replace the value that was hashed.
    if (config.remoteManagement.secretKey === plaintext) setConfigValue(document, SECRET_KEY_PATH, hash);
  });
  if (!result.ok) {
    logger?.warn(`the management secret stays in plain text: ${formatConfigProblems(result.problems, configFile.path)}`);
  }
  return result;
}

/**
 * Checks a provided key against the configured secret: bcrypt for a hash, constant-time equality for
 * plaintext. bcrypt costs ~50 ms, so keys that verified (and checks still running) are remembered by their
 * SHA-256 digest; a polling control panel then pays it once. The memory is dropped when the secret changes.
 */
export function createSecretVerifier(): (provided: string, secret: string) => Promise<boolean> {
  let rememberedFor = '';
  const checks = new Map<string, Promise<boolean>>();
  return (provided, secret) => {
    if (!isBcryptHash(secret)) return Promise.resolve(secretsMatch(provided, secret));
    if (secret !== rememberedFor) {
      checks.clear();
      rememberedFor = secret;
    }
    const digest = sha256(provided).toString('hex');
    const known = checks.get(digest);
    if (known) return known;
    const check = loadBcrypt()
      .then((bcrypt) => bcrypt.compare(provided, secret))
      .catch(() => false);
    checks.set(digest, check);
    // Only keys that verified stay: wrong guesses must not fill memory.
    void check.then((ok) => {
      if (!ok && checks.get(digest) === check) checks.delete(digest);
    });
    return check;
  };
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
