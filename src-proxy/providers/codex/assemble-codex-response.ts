/** The assembled result, or what the stream said went wrong (docs/providers.md#codex-stream-events, docs/providers.md#codex-errors-and-quota). */
export type AssembledCodexResponse = { ok: true; body: string } | { ok: false; status: number; message: string; body: string };

/**
 * A whole Codex SSE body -> one Responses JSON object for a non-stream client: the `response` of
 * `response.completed` (or `response.incomplete`), its `output` filled from the `response.output_item.done`
 * items when the backend left it empty. `response.failed` / `error` events map by error type or code
 * (invalid_request 400, authentication 401, permission 403, not_found 404, rate limit 429, else 502); a
 * stream without a final event is 408 "stream closed before response.completed".
 */
export function assembleCodexResponse(sse: string): AssembledCodexResponse {
  const items: Array<{ index: number; item: unknown }> = [];
  for (const data of dataLines(sse)) {
    let event: Record<string, unknown>;
    try {
      event = record(JSON.parse(data));
    } catch {
      continue;
    }
    const type = text(event.type);
    if (type === 'response.output_item.done') items.push({ index: typeof event.output_index === 'number' ? event.output_index : items.length, item: event.item });
    else if (type === 'response.completed' || type === 'response.incomplete') {
      const response = record(event.response);
      const output = Array.isArray(response.output) && response.output.length > 0 ? response.output : items.sort((a, b) => a.index - b.index).map((entry) => entry.item);
      return { ok: true, body: JSON.stringify({ ...response, output }) };
    } else if (type === 'response.failed' || type === 'error') {
      const error = record(type === 'error' ? (event.error ?? event) : record(event.response).error);
      const code = `${text(error.type)} ${text(error.code)}`.toLowerCase();
      const message = text(error.message) || 'The upstream failed to generate a response.';
      return { ok: false, status: statusOf(code), message, body: JSON.stringify({ error }) };
    }
  }
  return { ok: false, status: 408, message: 'stream closed before response.completed', body: '' };
}

function statusOf(code: string): number {
  if (code.includes('usage_limit_reached') || code.includes('rate_limit')) return 429;
  if (code.includes('invalid_request')) return 400;
  if (code.includes('authentication') || code.includes('invalid_api_key')) return 401;
  if (code.includes('permission')) return 403;
  if (code.includes('not_found')) return 404;
  return 502;
}

function* dataLines(sse: string): Generator<string> {
  for (const line of sse.split(/\r?\n/)) {
    if (!line.startsWith('data:')) continue;
    const data = line.slice(5).trim();
    if (data && data !== '[DONE]') yield data;
  }
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
