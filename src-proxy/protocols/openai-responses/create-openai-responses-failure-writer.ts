import { randomBytes } from 'node:crypto';
import type { ProxyError } from '../../errors/proxy-error';
import { SseParser } from '../../sse/sse-parser';
import type { SseEvent } from '../../sse/sse-event';
import type { StreamFailureWriter } from '../wire-codec';
import { buildOpenAIResponsesObject } from './build-openai-responses-object';
import { openaiResponsesFailure } from './render-openai-responses-error';

interface SentStream {
  /** The response object of the last response.created / response.in_progress sent. */
  response: Record<string, unknown> | undefined;
  /** Finished output items by output_index, from response.output_item.done. */
  items: unknown[];
  lastSequence: number | undefined;
  /** A terminal event (completed / incomplete / failed) already went out. */
  ended: boolean;
}

const terminalEvents = new Set(['response.completed', 'response.incomplete', 'response.failed']);
/** Top-level only: inside a JSON string the quotes are escaped, so text content never matches. */
const sequencePattern = /"sequence_number":\s*(\d+)/g;
const typePattern = /^\{\s*"type"\s*:\s*"([^"]+)"/;

/**
 * How a Responses stream that broke after commit ends, pass-through or translated: with
 * `response.failed` (status failed, `error: {code, message}`, the items finished so far), the terminal
 * event Codex CLI and the openai SDK wait for (platform.openai.com/docs/api-reference/responses-streaming,
 * ResponseFailedEvent). It watches the SSE sent to the client, so the event carries the id of the
 * response.created the client saw and continues its sequence_number. An `error` event follows, as the
 * stream encoder writes a failure (docs/errors.md): the SDK's `responses.stream()` helper does not read
 * response.failed (its finalResponse() would resolve with the in_progress snapshot) but rejects on
 * `error`; Codex CLI has acted on response.failed already. A stream whose terminal event already went
 * out gets nothing more.
 */
export function createOpenAIResponsesFailureWriter(): StreamFailureWriter {
  const parser = new SseParser();
  const sent: SentStream = { response: undefined, items: [], lastSequence: undefined, ended: false };
  return {
    observe(written) {
      if (sent.ended) return;
      for (const event of parser.push(typeof written === 'string' ? Buffer.from(written, 'utf8') : written)) noteEvent(sent, event);
    },
    render(error) {
      for (const event of parser.end()) noteEvent(sent, event);
      return sent.ended ? '' : failedEvent(sent, error);
    },
  };
}

function noteEvent(sent: SentStream, event: SseEvent): void {
  for (const match of event.data.matchAll(sequencePattern)) sent.lastSequence = Number(match[1]);
  const type = event.event ?? typePattern.exec(event.data)?.[1];
  if (type === undefined) return;
  if (terminalEvents.has(type)) {
    sent.ended = true;
  } else if (type === 'response.created' || type === 'response.in_progress') {
    const response = parseObject(event.data)?.['response'];
    if (isObject(response)) sent.response = response;
  } else if (type === 'response.output_item.done') {
    const payload = parseObject(event.data);
    const index = payload?.['output_index'];
    if (typeof index === 'number' && Number.isInteger(index) && index >= 0 && index < 10_000) sent.items[index] = payload?.['item'];
  }
}

function failedEvent(sent: SentStream, error: ProxyError): string {
  const failure = openaiResponsesFailure(error);
  const output = sent.items.filter((item) => item !== undefined);
  // Without a response.created seen (an upstream that skipped it), a response object of its own.
  const started = sent.response ?? buildOpenAIResponsesObject({ id: `resp_${randomBytes(12).toString('hex')}`, createdAt: Math.floor(Date.now() / 1000), model: '', status: 'failed', output: [], usage: null });
  const response = { ...started, status: 'failed', error: failure, output };
  sent.ended = true;
  const first = sent.lastSequence === undefined ? undefined : sent.lastSequence + 1;
  const sequence = (offset: number) => (first === undefined ? {} : { sequence_number: first + offset });
  const failed = { type: 'response.failed', ...sequence(0), response };
  const errorEvent = { type: 'error', ...sequence(1), code: failure.code, message: failure.message, param: null };
  return `event: response.failed\ndata: ${JSON.stringify(failed)}\n\nevent: error\ndata: ${JSON.stringify(errorEvent)}\n\n`;
}

function parseObject(data: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(data);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
