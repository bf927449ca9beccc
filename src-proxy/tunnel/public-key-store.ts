import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from '../config/write-file-atomic';

/** The public URL's own client key: kept apart from `api-keys` so it can be revoked without touching local tools. */
export interface PublicKey {
  key: string;
  /** Epoch ms. */
  createdAt: number;
  /** Epoch ms; null = no expiry. */
  expiresAt: number | null;
}

const publicKeyFileSchema = z.object({ key: z.string().min(16), createdAt: z.number(), expiresAt: z.number().nullable() });

/**
 * `tunnel-key.json` beside config.yaml (mode 0600, written atomically). The key in memory is the one the
 * tunnel listener checks on every request, so revoke takes effect for the very next request.
 */
export class PublicKeyStore {
  private current: PublicKey | null = null;
  private loaded = false;

  constructor(
    readonly path: string,
    private readonly now: () => number,
  ) {}

  /** The stored key, or null (none yet, unreadable, or revoked). */
  async load(): Promise<PublicKey | null> {
    if (this.loaded) return this.current;
    this.loaded = true;
    const text = await readFile(this.path, 'utf8').catch(() => null);
    const parsed = text === null ? null : publicKeyFileSchema.safeParse(safeJson(text));
    this.current = parsed?.success ? parsed.data : null;
    return this.current;
  }

  /** The valid key, created on first use (or after revoke or expiry) with the given lifetime (0 = none). */
  async ensure(lifetimeSeconds: number): Promise<PublicKey> {
    const existing = await this.load();
    if (existing && this.isValid(existing)) return existing;
    const createdAt = this.now();
    const created: PublicKey = {
      key: `sk-cliproxy-public-${randomBytes(24).toString('base64url')}`,
      createdAt,
      expiresAt: lifetimeSeconds > 0 ? createdAt + lifetimeSeconds * 1000 : null,
    };
    await writeFileAtomic(this.path, `${JSON.stringify(created, null, 2)}\n`);
    this.current = created;
    return created;
  }

  /** The key requests are checked against right now: null when none, revoked or expired. */
  validKey(): PublicKey | null {
    return this.current && this.isValid(this.current) ? this.current : null;
  }

  /** Forgets the key at once (memory first, then the file): the next request with it gets 401. */
  async revoke(): Promise<void> {
    this.current = null;
    this.loaded = true;
    await rm(this.path, { force: true });
  }

  private isValid(key: PublicKey): boolean {
    return key.expiresAt === null || key.expiresAt > this.now();
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
