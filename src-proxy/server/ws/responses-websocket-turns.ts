/**
 * What one socket remembers between its requests. Codex CLI, once a response completed on the socket,
 * sends the next `response.create` with `previous_response_id` and only the new input items, counting
 * on the server to hold the conversation (platform.openai.com/docs/guides/websocket-mode). This proxy
 * is stateless towards its upstreams (any wire, `store: false`), so the socket keeps the last request's
 * full input and the output items the client received, and expands such a follow-up into the whole
 * conversation before it enters the ordinary pipeline.
 */
export interface TurnMemory {
  responseId: string;
  /** The full input of that request (after its own expansion). */
  input: unknown[];
  /** Its output items as the client received them (`response.output_item.done`, in order). */
  output: unknown[];
}

export interface PreparedTurn {
  /** 'prewarm': `generate: false`, answered on the socket without calling an upstream. */
  kind: 'generate' | 'prewarm';
  /** The POST /v1/responses body: without the WebSocket-only `type` and `generate`, with `stream: true`. */
  body: Record<string, unknown>;
  /** The full input of this request, remembered when its response completes. */
  input: unknown[];
  /** True when `previous_response_id` named this socket's last response and the input was expanded. */
  continued: boolean;
}

export function prepareTurn(message: Record<string, unknown>, memory: TurnMemory | undefined): PreparedTurn {
  const body: Record<string, unknown> = { ...message };
  const generate = body.generate;
  delete body.type;
  delete body.generate;
  let input = inputItems(body.input);
  const continued = memory !== undefined && typeof body.previous_response_id === 'string' && body.previous_response_id === memory.responseId;
  if (continued) {
    input = [...memory.input, ...memory.output, ...input];
    body.input = input;
    delete body.previous_response_id;
  }
  // An unknown previous_response_id is left as it is: the pipeline treats it exactly as on HTTP.
  body.stream = true;
  return { kind: generate === false ? 'prewarm' : 'generate', body, input, continued };
}

/** A string input is one user message; anything else that is not a list carries no items to remember. */
function inputItems(input: unknown): unknown[] {
  if (typeof input === 'string') return [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: input }] }];
  return Array.isArray(input) ? input : [];
}

/** Watches the events sent for one request and yields the memory of it once it completed. */
export class TurnRecorder {
  private responseId: string | undefined;
  private readonly items: unknown[] = [];
  private finalOutput: unknown[] | undefined;
  private completed = false;

  readonly observe = (event: Record<string, unknown>): void => {
    const response = asRecord(event.response);
    if (typeof response?.id === 'string') this.responseId = response.id;
    if (event.type === 'response.output_item.done' && event.item !== undefined) this.items.push(event.item);
    if (event.type === 'response.completed') {
      this.completed = true;
      if (Array.isArray(response?.output)) this.finalOutput = response.output;
    }
  };

  memory(input: unknown[]): TurnMemory | undefined {
    if (!this.completed || this.responseId === undefined) return undefined;
    return { responseId: this.responseId, input, output: this.items.length > 0 ? this.items : (this.finalOutput ?? []) };
  }
}

/**
 * The answer to a prewarm (`generate: false`, Codex CLI's connection warm-up): a created and an empty
 * completed response, so the next request can name it in `previous_response_id`.
 */
export function prewarmEvents(body: Record<string, unknown>, responseId: string, createdAtSeconds: number): Array<Record<string, unknown>> {
  const response = { id: responseId, object: 'response', created_at: createdAtSeconds, model: body.model ?? null, output: [], error: null, incomplete_details: null };
  const usage = { input_tokens: 0, input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 }, output_tokens: 0, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 0 };
  return [
    { type: 'response.created', sequence_number: 0, response: { ...response, status: 'in_progress', usage: null } },
    { type: 'response.completed', sequence_number: 1, response: { ...response, status: 'completed', usage } },
  ];
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
