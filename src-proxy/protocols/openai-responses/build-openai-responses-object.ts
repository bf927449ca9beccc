import type {
  ResponsesEcho,
  ResponsesError,
  ResponsesIncompleteReason,
  ResponsesObject,
  ResponsesOutputItem,
  ResponsesStatus,
  ResponsesUsage,
} from './openai-responses-types';

export interface ResponsesObjectInit {
  id: string;
  createdAt: number;
  model: string;
  status: ResponsesStatus;
  output: ResponsesOutputItem[];
  usage: ResponsesUsage | null;
  error?: ResponsesError | null;
  incompleteReason?: ResponsesIncompleteReason | undefined;
  /** Seconds since epoch, for finished responses. */
  completedAt?: number;
  echo?: ResponsesEcho | undefined;
}

/**
 * Request parameters api.openai.com echoes in every response object, with the values it reports when
 * the request did not set them. Clients rarely read them, but SDK types declare most as required.
 */
const echoDefaults: ResponsesEcho = {
  instructions: null,
  max_output_tokens: null,
  max_tool_calls: null,
  parallel_tool_calls: true,
  previous_response_id: null,
  reasoning: { effort: null, summary: null },
  service_tier: 'default',
  store: false,
  temperature: 1,
  text: { format: { type: 'text' }, verbosity: 'medium' },
  tool_choice: 'auto',
  tools: [],
  top_logprobs: 0,
  top_p: 1,
  truncation: 'disabled',
  user: null,
  metadata: {},
};

/** The echoable fields of the client's request body (unknown shape: copied only when present). */
export function pickOpenAIResponsesEcho(requestBody: unknown): ResponsesEcho {
  if (typeof requestBody !== 'object' || requestBody === null) return {};
  const body = requestBody as Record<string, unknown>;
  const echo: ResponsesEcho = {};
  for (const key of [...Object.keys(echoDefaults), 'prompt_cache_key', 'safety_identifier']) {
    if (body[key] !== undefined && body[key] !== null) echo[key] = body[key];
  }
  return echo;
}

/** Response ids from other vendors (msg_..., Gemini ids) get the `resp_` prefix Responses clients know. */
export function toResponsesId(id: string): string {
  return id.startsWith('resp_') ? id : `resp_${id}`;
}

/** The `response` object, fields in api.openai.com's order. */
export function buildOpenAIResponsesObject(init: ResponsesObjectInit): ResponsesObject {
  const echo = { ...echoDefaults, ...init.echo };
  const { instructions, max_output_tokens, max_tool_calls, metadata, ...rest } = echo;
  const object: ResponsesObject = {
    id: init.id,
    object: 'response',
    created_at: init.createdAt,
    status: init.status,
    background: false,
    error: init.error ?? null,
    incomplete_details: init.incompleteReason ? { reason: init.incompleteReason } : null,
    instructions,
    max_output_tokens,
    max_tool_calls,
    model: init.model,
    output: init.output,
    ...rest,
    usage: init.usage,
    metadata,
  };
  if (init.completedAt !== undefined) object['completed_at'] = init.completedAt;
  return object;
}
