import { createHash } from 'node:crypto';

/** Claude Code's salt for the 3-hex build fingerprint in `cc_version` (docs/providers.md#claude-cloaking, item 1). */
const fingerprintSalt = '59cf53e54c78';
const fingerprintPositions = [4, 7, 20] as const;

/**
 * The billing text block Claude Code puts first in `system`, in its unsigned form (no `cch`: signing is
 * OAuth only): `x-anthropic-billing-header: cc_version=<ver>.<3-hex>; cc_entrypoint=cli;`.
 */
export function claudeBillingHeader(version: string, lastUserText: string): string {
  return `x-anthropic-billing-header: cc_version=${version}.${claudeBuildFingerprint(lastUserText, version)}; cc_entrypoint=cli;`;
}

/**
 * First 3 hex characters of SHA-256 over the salt, the characters at positions 4, 7 and 20 of the last
 * user text ('0' where the text is shorter) and the version. Positions count code points (Claude Code and
 * CPA index runes), so an emoji is one character, not two UTF-16 units.
 */
export function claudeBuildFingerprint(lastUserText: string, version: string): string {
  const characters = Array.from(lastUserText);
  const picked = fingerprintPositions.map((position) => characters[position] ?? '0').join('');
  return createHash('sha256').update(fingerprintSalt + picked + version, 'utf8').digest('hex').slice(0, 3);
}

/**
 * "The last user text" as CPA reads it: over the user messages in order, a string content or the last
 * text block of an array content; the last non-empty one wins. '' when there is none.
 */
export function lastUserText(messages: unknown): string {
  if (!Array.isArray(messages)) return '';
  let found = '';
  for (const message of messages) {
    if (!isRecord(message) || message.role !== 'user') continue;
    const candidate = contentText(message.content);
    if (candidate !== '') found = candidate;
  }
  return found;
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let text = '';
  for (const block of content) {
    if (isRecord(block) && block.type === 'text' && typeof block.text === 'string') text = block.text;
  }
  return text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
