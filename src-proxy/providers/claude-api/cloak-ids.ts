import { createHash } from 'node:crypto';

/** The request's injected id source (`TranslationContext.generateId`): real randomness in the server, fixed in tests. */
export type IdSource = (prefix: string) => string;

/**
 * 64 lowercase hex characters (a Claude Code `device_id`): SHA-256 of one fresh id from the injected
 * source, so cloaking draws on no randomness of its own and stays deterministic under a test context.
 */
export function randomHex64(generateId: IdSource): string {
  return createHash('sha256').update(generateId('claude_cloak')).digest('hex');
}

/** A version-4-shaped UUID made the same way. */
export function randomUuid(generateId: IdSource): string {
  const hex = randomHex64(generateId);
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
