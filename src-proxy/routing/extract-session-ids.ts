import { createHash } from 'node:crypto';

/**
 * A client session for `routing.session-affinity`. `fallback` is an earlier, weaker id of the same
 * conversation (its first turn's hash), so a binding made on turn one is found again on turn two.
 */
export interface SessionIds {
  primary: string;
  fallback?: string;
}

export type SessionHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** Header signals, strongest first, with the namespace each id gets (CLIProxyAPI's order). */
const HEADER_SIGNALS: readonly (readonly [header: string, namespace: string])[] = [
  ['x-claude-code-session-id', 'claude'],
  ['session-id', 'codex'],
  ['session_id', 'codex'],
  ['x-session-id', 'header'],
  ['x-session-affinity', 'affinity'],
  ['x-client-request-id', 'clientreq'],
];

const MAX_ID_LENGTH = 256;
const HASHED_TEXT_LENGTH = 100;

/**
 * Which session a request belongs to, in CLIProxyAPI's order: the Claude Code session header, the
 * session inside Claude's `metadata.user_id`, Codex `Session-Id`/`Session_id`, `X-Session-ID`,
 * `X-Session-Affinity` (OpenCode), `X-Client-Request-Id`, then body `session_id`/`sessionId`,
 * `prompt_cache_key` (with `conversation` as fallback), `conversation.id`/`conversation`,
 * `metadata.user_id`, `conversation_id`, and last a hash of the system prompt and first user (and
 * assistant) messages. Null when the request carries none of these.
 */
export function extractSessionIds(headers: SessionHeaders, body: unknown): SessionIds | null {
  const payload = isRecord(body) ? body : {};
  const claudeCodeHeader = headerValue(headers, 'x-claude-code-session-id');
  if (claudeCodeHeader) return { primary: `claude:${claudeCodeHeader}` };
  const claudeMetadata = claudeMetadataSession(payload);
  if (claudeMetadata) return { primary: `claude:${claudeMetadata}` };
  for (const [header, namespace] of HEADER_SIGNALS.slice(1)) {
    const value = headerValue(headers, header);
    if (value) return { primary: `${namespace}:${value}` };
  }
  return bodySession(payload) ?? messageHashSession(payload);
}

function bodySession(payload: Record<string, unknown>): SessionIds | null {
  const session = explicitId(payload.session_id) ?? explicitId(payload.sessionId);
  if (session) return { primary: `session:${session}` };
  const conversation = isRecord(payload.conversation) ? explicitId(payload.conversation.id) : explicitId(payload.conversation);
  const conversationId = conversation ? `conv:${conversation}` : undefined;
  const promptCacheKey = explicitId(payload.prompt_cache_key);
  if (promptCacheKey) return conversationId ? { primary: `pck:${promptCacheKey}`, fallback: conversationId } : { primary: `pck:${promptCacheKey}` };
  if (conversationId) return { primary: conversationId };
  const userId = explicitId(isRecord(payload.metadata) ? payload.metadata.user_id : undefined);
  if (userId) return { primary: `user:${userId}` };
  const legacyConversation = explicitId(payload.conversation_id);
  return legacyConversation ? { primary: `conv:${legacyConversation}` } : null;
}

/** Claude Code puts its session in `metadata.user_id`: as JSON (`{"session_id":..}`) or as a `..._session_<uuid>` suffix. */
function claudeMetadataSession(payload: Record<string, unknown>): string | undefined {
  const userId = isRecord(payload.metadata) && typeof payload.metadata.user_id === 'string' ? payload.metadata.user_id.trim() : '';
  if (userId.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(userId);
      return isRecord(parsed) ? explicitId(parsed.session_id) : undefined;
    } catch {
      return undefined;
    }
  }
  return explicitId(/_session_([a-f0-9-]+)$/.exec(userId)?.[1]);
}

/** First turn -> hash of (system, first user); later turns -> hash with the first assistant reply too, the first-turn hash as fallback. */
function messageHashSession(payload: Record<string, unknown>): SessionIds | null {
  const { system, user, assistant } = firstTurnTexts(payload);
  if (system === '' && user === '') return null;
  const short = hashTurn(system, user, '');
  return assistant === '' ? { primary: short } : { primary: hashTurn(system, user, assistant), fallback: short };
}

interface TurnTexts {
  system: string;
  user: string;
  assistant: string;
}

/** OpenAI Chat / Anthropic `messages`, OpenAI Responses `input`, Gemini `contents`. */
function firstTurnTexts(payload: Record<string, unknown>): TurnTexts {
  const turn: TurnTexts = { system: textOf(payload.system) || textOf(payload.instructions) || textOf(payload.systemInstruction), user: '', assistant: '' };
  const items = [payload.messages, payload.input, payload.contents].find(Array.isArray) ?? [];
  if (typeof payload.input === 'string' && turn.user === '') turn.user = payload.input;
  for (const item of items as unknown[]) {
    if (!isRecord(item)) continue;
    const text = textOf(item.content ?? item.parts);
    if (text === '') continue;
    const role = typeof item.role === 'string' ? item.role : '';
    if ((role === 'system' || role === 'developer') && turn.system === '') turn.system = text;
    else if (role === 'user' && turn.user === '') turn.user = text;
    else if ((role === 'assistant' || role === 'model') && turn.assistant === '') turn.assistant = text;
    if (turn.user !== '' && turn.assistant !== '') break;
  }
  return { system: turn.system.slice(0, HASHED_TEXT_LENGTH), user: turn.user.slice(0, HASHED_TEXT_LENGTH), assistant: turn.assistant.slice(0, HASHED_TEXT_LENGTH) };
}

/** Text of a string, a list of text parts (`{text}` / `{type:'text',text}`), or a Gemini `{parts}` object. */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((part) => (isRecord(part) && typeof part.text === 'string' ? part.text : typeof part === 'string' ? part : '')).join('');
  if (isRecord(value) && Array.isArray(value.parts)) return textOf(value.parts);
  return '';
}

function hashTurn(system: string, user: string, assistant: string): string {
  const hash = createHash('sha256');
  if (system) hash.update(`sys:${system}\n`);
  if (user) hash.update(`usr:${user}\n`);
  if (assistant) hash.update(`ast:${assistant}\n`);
  return `msg:${hash.digest('hex').slice(0, 16)}`;
}

function headerValue(headers: SessionHeaders, name: string): string | undefined {
  const value = headers[name];
  const values = Array.isArray(value) ? value : [value];
  for (const candidate of values) {
    const id = explicitId(candidate);
    if (id) return id;
  }
  return undefined;
}

/** A client-given id: printable, trimmed, 1 to 256 characters; anything else is no id. */
function explicitId(value: unknown): string | undefined {
  if (typeof value !== 'string' || /\p{Cc}/u.test(value)) return undefined;
  const trimmed = value.trim();
  return trimmed === '' || trimmed.length > MAX_ID_LENGTH ? undefined : trimmed;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
