import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { StoreOpenError } from './postgres-pool';

/** The key auth records are encrypted with: 32 random bytes, base64 (`openssl rand -base64 32`). */
export const storeKeyVariable = 'CLIPROXY_STORE_KEY';
/** Keys being rotated out, comma-separated: still read, never written (docs/team-server.md#encryption-key). */
export const previousKeysVariable = 'CLIPROXY_STORE_PREVIOUS_KEYS';

const format = 'v1';

/**
 * AES-256-GCM over a whole auth file's JSON, the record id as associated data (a ciphertext moved to
 * another row does not decrypt). Sealed form: `v1.<key id>.<iv>.<tag>.<ciphertext>` (base64url), the key
 * id being 8 hex chars of the key's SHA-256, so a rotation knows which key a row needs.
 */
export class AuthRecordCipher {
  private constructor(
    private readonly current: { id: string; key: Buffer },
    private readonly byId: ReadonlyMap<string, Buffer>,
  ) {}

  static fromEnvironment(env: NodeJS.ProcessEnv): AuthRecordCipher {
    const text = env[storeKeyVariable]?.trim() ?? '';
    if (text === '') throw new StoreOpenError(`store: postgres encrypts tokens at rest: set ${storeKeyVariable} to 32 random bytes in base64 (openssl rand -base64 32)`);
    const current = decodeKey(text, storeKeyVariable);
    const previous = (env[previousKeysVariable] ?? '').split(',').map((part) => part.trim()).filter((part) => part !== '').map((part) => decodeKey(part, previousKeysVariable));
    return new AuthRecordCipher(current, new Map([...previous, current].map((key) => [key.id, key.key])));
  }

  /** The id of the key new writes use (for logs and the re-encryption check). */
  get keyId(): string {
    return this.current.id;
  }

  seal(recordId: string, text: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv).setAAD(Buffer.from(recordId, 'utf8'));
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return [format, this.current.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  /** The text, or an error whose message names the reason (never a value). */
  open(recordId: string, sealed: string): string {
    const [version, keyId, iv, tag, body, ...rest] = sealed.split('.');
    if (version !== format || keyId === undefined || iv === undefined || tag === undefined || body === undefined || rest.length > 0) throw new Error('not a sealed auth record');
    const key = this.byId.get(keyId);
    if (!key) throw new Error(`sealed with key ${keyId}, which is neither ${storeKeyVariable} nor in ${previousKeysVariable}`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url')).setAAD(Buffer.from(recordId, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new Error(`does not decrypt with key ${keyId} (altered, or another record's)`);
    }
  }
}

function decodeKey(text: string, variable: string): { id: string; key: Buffer } {
  const key = Buffer.from(text, 'base64');
  if (key.length !== 32) throw new StoreOpenError(`${variable} must be 32 bytes in base64 (openssl rand -base64 32); it decodes to ${key.length} bytes`);
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 8), key };
}
