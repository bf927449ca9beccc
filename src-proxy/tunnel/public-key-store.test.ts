import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PublicKeyStore } from './public-key-store';
import { RequestRateLimit } from './request-rate-limit';

let folder: string;
let now = 1_000_000;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'public-key-'));
  now = 1_000_000;
});
afterEach(() => rm(folder, { recursive: true, force: true }));

describe('PublicKeyStore', () => {
  it('creates the key on first use, keeps it across restarts in a 0600 file', async () => {
    const path = join(folder, 'tunnel-key.json');
    const created = await new PublicKeyStore(path, () => now).ensure(0);
    expect(created.expiresAt).toBeNull();
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const again = await new PublicKeyStore(path, () => now).ensure(0);
    expect(again.key).toBe(created.key);
  });

  it('an expired key is no longer valid and the next use creates a new one', async () => {
    const store = new PublicKeyStore(join(folder, 'tunnel-key.json'), () => now);
    const first = await store.ensure(60);
    expect(first.expiresAt).toBe(now + 60_000);
    now += 61_000;
    expect(store.validKey()).toBeNull();
    expect((await store.ensure(60)).key).not.toBe(first.key);
  });

  it('revoke forgets the key at once and removes the file', async () => {
    const path = join(folder, 'tunnel-key.json');
    const store = new PublicKeyStore(path, () => now);
    await store.ensure(0);
    await store.revoke();
    expect(store.validKey()).toBeNull();
    await expect(readFile(path)).rejects.toThrow();
  });
});

describe('RequestRateLimit', () => {
  it('allows the limit per sliding minute, then says how long to wait', () => {
    const limit = new RequestRateLimit(() => 2, () => now);
    expect(limit.take().allowed).toBe(true);
    now += 10_000;
    expect(limit.take().allowed).toBe(true);
    expect(limit.take()).toEqual({ allowed: false, retryAfterSeconds: 50 });
    now += 50_000;
    expect(limit.take().allowed).toBe(true);
  });

  it('0 means no limit', () => {
    const limit = new RequestRateLimit(() => 0, () => now);
    for (let index = 0; index < 1000; index += 1) expect(limit.take().allowed).toBe(true);
  });
});
