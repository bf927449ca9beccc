import type { UpstreamCall } from '../provider-definition';
import { claudeBillingHeader, lastUserText } from './claude-billing-header';
import { claudeCodeIdentity, claudeCodeVersion } from './claude-code-profile';
import { obfuscateSensitiveWords, obfuscateText, sensitiveWordPattern } from './obfuscate-sensitive-words';

/** Anthropic accepts at most 4 blocks with `cache_control` per request. */
const maxCacheBreakpoints = 4;

export interface CloakOptions {
  operation: UpstreamCall['operation'];
  /** true: the caller's system prompts are dropped instead of kept as reminders. */
  strictMode: boolean;
  sensitiveWords: readonly string[];
  /** 64 hex characters. */
  deviceId: string;
  /** `metadata.user_id.account_uuid`: '' for API keys; the OAuth account's uuid later. */
  accountUuid: string;
  sessionId: string;
}

/**
 * Disguises an Anthropic Messages body as Claude Code's own (docs/providers.md#claude-cloaking, items 1 to 4; the
 * OAuth-only parts, cch signing, tool renaming and the 1h cache ttl, are not done here). Edits `body`'s
 * top level only; nested values are rebuilt where they change, never edited, because they may be shared
 * with the client's body or the cached canonical request.
 *
 * 1. `system` becomes Claude Code's billing block plus its identity block (with an ephemeral cache
 *    breakpoint when the request has room for one).
 * 2. The caller's system texts survive as `<system-reminder>` text blocks at the start of the first user
 *    message, or are dropped in strict mode. CPA's alternative for newer models, `role:"system"`
 *    messages after the first user turn, rides on an unreleased beta; the public Messages API only takes
 *    `user` and `assistant` turns and rejects other roles, so every model gets the reminder form.
 * 3. `metadata.user_id` is Claude Code's JSON identity string (other metadata members are kept).
 * 4. Configured sensitive words are split with zero-width spaces in the caller's text.
 * A count_tokens body keeps Claude Code's measured shape instead: no system and no metadata (the count
 * endpoint rejects `metadata`), the caller's system still relocated as reminders.
 */
export function cloakClaudeBody(body: Record<string, unknown>, options: CloakOptions): void {
  const billing = claudeBillingHeader(claudeCodeVersion, lastUserText(body.messages));
  const callerTexts = options.strictMode ? [] : callerSystemTexts(body.system);
  if (options.operation === 'count-tokens') delete body.system;
  else body.system = [{ type: 'text', text: billing }, identityBlock(body)];
  const pattern = sensitiveWordPattern(options.sensitiveWords);
  if (pattern) obfuscateSensitiveWords(body, pattern, new Set([billing, claudeCodeIdentity]));
  const reminders = callerTexts.map((text) => systemReminder(pattern ? obfuscateText(text, pattern) : text));
  if (reminders.length > 0 && Array.isArray(body.messages)) body.messages = withLeadingReminders(body.messages, reminders);
  if (options.operation !== 'count-tokens') {
    const metadata = isRecord(body.metadata) ? body.metadata : {};
    body.metadata = { ...metadata, user_id: claudeCodeUserId(options) };
  }
}

/** `{"device_id":...,"account_uuid":...,"session_id":...}` as one JSON string, the key order Claude Code uses. */
export function claudeCodeUserId(identity: Pick<CloakOptions, 'deviceId' | 'accountUuid' | 'sessionId'>): string {
  return JSON.stringify({ device_id: identity.deviceId, account_uuid: identity.accountUuid, session_id: identity.sessionId });
}

/**
 * The caller's system prompt as separate texts: a string, or each text block of an array. Empty texts,
 * a billing block and Claude Code's bare identity line (from a client that already disguises itself) are
 * skipped: the cloak supplies its own.
 */
function callerSystemTexts(system: unknown): string[] {
  const texts = typeof system === 'string' ? [system] : Array.isArray(system) ? system.filter(isTextBlock).map((block) => block.text) : [];
  return texts.filter((text) => text.trim() !== '' && !text.startsWith('x-anthropic-billing-header:') && text !== claudeCodeIdentity);
}

function identityBlock(body: Record<string, unknown>): Record<string, unknown> {
  const block: Record<string, unknown> = { type: 'text', text: claudeCodeIdentity };
  // The caller's system breakpoints went with its system; one still over the limit would fail the request.
  if (countCacheBreakpoints(body.tools) + countCacheBreakpoints(body.messages) < maxCacheBreakpoints) block.cache_control = { type: 'ephemeral' };
  return block;
}

function countCacheBreakpoints(list: unknown): number {
  if (!Array.isArray(list)) return 0;
  let count = 0;
  for (const item of list) {
    if (!isRecord(item)) continue;
    if (item.cache_control !== undefined) count += 1;
    if (Array.isArray(item.content)) count += countCacheBreakpoints(item.content);
  }
  return count;
}

/** Claude Code's own wrapper for context it adds to a user turn. */
function systemReminder(text: string): string {
  return `<system-reminder>\n${text}${text.endsWith('\n') ? '' : '\n'}</system-reminder>`;
}

/**
 * The reminders as text blocks at the start of the first user message, after any tool_result blocks
 * (which must lead a user turn). Without a user message, one is put first.
 */
function withLeadingReminders(list: unknown[], reminders: string[]): unknown[] {
  const blocks = reminders.map((text) => ({ type: 'text', text }));
  const index = list.findIndex((message) => isRecord(message) && message.role === 'user');
  const first = list[index];
  if (index < 0 || !isRecord(first)) return [{ role: 'user', content: blocks }, ...list];
  const content = typeof first.content === 'string' ? [{ type: 'text', text: first.content }] : Array.isArray(first.content) ? first.content : [];
  let insertAt = 0;
  while (insertAt < content.length && isRecord(content[insertAt]) && (content[insertAt] as Record<string, unknown>).type === 'tool_result') insertAt += 1;
  const copy = list.slice();
  copy[index] = { ...first, content: [...content.slice(0, insertAt), ...blocks, ...content.slice(insertAt)] };
  return copy;
}

function isTextBlock(block: unknown): block is { type: 'text'; text: string } {
  return isRecord(block) && block.type === 'text' && typeof block.text === 'string';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
