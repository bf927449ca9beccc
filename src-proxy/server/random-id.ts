import { randomFillSync } from 'node:crypto';

/**
 * Random ids for requests and translated replies, cut from one pooled buffer of CSPRNG bytes refilled
 * every 4 KiB: `randomBytes(n)` per id costs ~6 us (a native call and a fresh Buffer), the pool ~0.1 us.
 * The ids are labels, not secrets; keys and tokens keep using `randomBytes` directly.
 */
const pool = Buffer.allocUnsafe(4096);
let offset = pool.length;

function take(size: number): number {
  if (offset + size > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const start = offset;
  offset += size;
  return start;
}

/** `size` random bytes as lowercase hex (2 x size digits). */
export function randomHex(size: number): string {
  const start = take(size);
  return pool.toString('hex', start, start + size);
}

/** `size` random bytes as base64url without padding. */
export function randomBase64url(size: number): string {
  const start = take(size);
  return pool.toString('base64url', start, start + size);
}
