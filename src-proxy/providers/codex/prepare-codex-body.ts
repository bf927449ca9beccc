import { createHash } from 'node:crypto';
import type { Credential } from '../../routing/credential';
import { randomUuid } from '../claude-api/cloak-ids';
import type { BodyPreparation, BodyPreparationContext, ClientHeaders } from '../provider-definition';

/** docs/providers.md#codex-body: fields the Codex backend rejects. */
const removedFields = ['max_output_tokens', 'max_completion_tokens', 'temperature', 'top_p', 'truncation', 'user', 'previous_response_id', 'prompt_cache_retention', 'safety_identifier', 'stream_options'] as const;

/**
 * The body CPA sends the Codex backend (docs/providers.md#codex-executor): `stream: true` always (non-stream clients get the
 * assembled result), `store: false`, `parallel_tool_calls: true`, encrypted reasoning included,
 * `instructions` present (empty when missing), input `system` roles as `developer`, the rejected sampling
 * and state fields removed (`service_tier` unless "priority"), and a `prompt_cache_key` (the client's,
 * else derived from a Claude client's session, else a fresh UUID) that the `Session-Id` header repeats.
 * Only top-level members are replaced: nested values may be shared. A compaction (`/responses/compact`,
 * answered as one JSON object) keeps the client's body but loses `stream` and gains `instructions`, as CPA
 * sends it.
 */
export function prepareCodexBody(body: Record<string, unknown>, _credential: Credential, _clientHeaders: ClientHeaders, context: BodyPreparationContext): BodyPreparation {
  if (context.operation === 'compact') {
    delete body.stream;
    if (typeof body.instructions !== 'string') body.instructions = '';
    return { cloak: { sessionId: sessionKey(body, context), requestId: randomUuid(context.generateId) } };
  }
  body.stream = true;
  body.store = false;
  body.parallel_tool_calls = true;
  body.include = ['reasoning.encrypted_content'];
  for (const field of removedFields) delete body[field];
  if (body.service_tier !== 'priority') delete body.service_tier;
  if (typeof body.instructions !== 'string') body.instructions = '';
  if (typeof body.input === 'string') body.input = [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: body.input }] }];
  else if (Array.isArray(body.input)) body.input = body.input.map((item: unknown) => (isSystemMessage(item) ? { ...item, role: 'developer' } : item));
  return { cloak: { sessionId: sessionKey(body, context), requestId: randomUuid(context.generateId) } };
}

/** The body's prompt_cache_key (set when missing), which the `Session-Id` header repeats. */
function sessionKey(body: Record<string, unknown>, context: BodyPreparationContext): string {
  const key = typeof body.prompt_cache_key === 'string' && body.prompt_cache_key ? body.prompt_cache_key : promptCacheKey(context);
  body.prompt_cache_key = key;
  return key;
}

function isSystemMessage(item: unknown): item is Record<string, unknown> {
  return typeof item === 'object' && item !== null && (item as Record<string, unknown>).role === 'system';
}

/** A Claude client's session (metadata.user_id) gives a stable key; anything else a fresh UUID. */
function promptCacheKey(context: BodyPreparationContext): string {
  const metadata = context.clientBody.metadata;
  const userId = typeof metadata === 'object' && metadata !== null ? (metadata as Record<string, unknown>).user_id : undefined;
  if (typeof userId === 'string' && userId) {
    const hex = createHash('sha256').update(`codex-session:${userId}`).digest('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
  return randomUuid(context.generateId);
}
