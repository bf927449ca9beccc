import { randomBytes } from 'node:crypto';
import type { ProxyError } from '../../errors/proxy-error';
import { SseParser } from '../../sse/sse-parser';
import type { SseEvent } from '../../sse/sse-event';
import type { StreamFailureWriter } from '../wire-codec';
import { buildOpenAIResponsesObject } from './build-openai-responses-object';
import { openaiResponsesFailure } from './render-openai-responses-error';

/**
 * What the client has been sent, as far as a failure needs it. Events are only classified as they go by
 * (every event of a Responses stream passes here); the JSON of the few that matter is kept as text and
 * parsed only if the stream fails.
 */
interface SentStream {
  /** The data of every response.created / response.in_progress sent, in order. */
  starts: string[];
  /** The data of every response.output_item.done sent, in order. */
  finishedItems: string[];
  lastSequence: number | undefined;
  /** A terminal event (completed / incomplete / failed) already went out. */
  ended: boolean;
}

const terminalEvents = new Set(['response.completed', 'response.incomplete', 'response.failed']);
/** Top-level only: inside a JSON string the quotes are escaped, so text content never matches. */
const sequenceKey = '"sequence_number"';
const sequenceValue = /^\s*:\s*(\d+)/;
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
  const sent: SentStream = { starts: [], finishedItems: [], lastSequence: undefined, ended: false };
  return {
    observe(written) {
      if (sent.ended) return;
      // Text (a translated stream, keep-alive comments) goes in as text: written only between events,
      // never after bytes that end inside a character.
      for (const event of typeof written === 'string' ? parser.pushText(written) : parser.push(written)) noteEvent(sent, event);
    },
    render(error) {
      for (const event of parser.end()) noteEvent(sent, event);
      return sent.ended ? '' : failedEvent(sent, error);
    },
  };
}

function noteEvent(sent: SentStream, event: SseEvent): void {
  const sequence = lastSequenceNumber(event.data);
  if (sequence !== undefined) sent.lastSequence = sequence;
  const type = event.event ?? typePattern.exec(event.data)?.[1];
  if (type === undefined) return;
  if (terminalEvents.has(type)) sent.ended = true;
  else if (type === 'response.created' || type === 'response.in_progress') sent.starts.push(event.data);
  else if (type === 'response.output_item.done') sent.finishedItems.push(event.data);
}

/** The number of the last `"sequence_number": <digits>` in the data (as the last match of that pattern). */
function lastSequenceNumber(data: string): number | undefined {
  for (let at = data.lastIndexOf(sequenceKey); at !== -1; at = at === 0 ? -1 : data.lastIndexOf(sequenceKey, at - 1)) {
    const digits = sequenceValue.exec(data.slice(at + sequenceKey.length, at + sequenceKey.length + 40))?.[1];
    if (digits !== undefined) return Number(digits);
  }
  return undefined;
}

/** The last response object a response.created / in_progress carried, and the finished items by output_index. */
function readSent(sent: SentStream): { response: Record<string, unknown> | undefined; items: unknown[] } {
  let response: Record<string, unknown> | undefined;
  for (const data of sent.starts) {
    const candidate = parseObject(data)?.['response'];
    if (isObject(candidate)) response = candidate;
  }
  const items: unknown[] = [];
  for (const data of sent.finishedItems) {
    const payload = parseObject(data);
    const index = payload?.['output_index'];
    if (typeof index === 'number' && Number.isInteger(index) && index >= 0 && index < 10_000) items[index] = payload?.['item'];
  }
  return { response, items };
}

function failedEvent(sent: SentStream, error: ProxyError): string {
  const failure = openaiResponsesFailure(error);
  const seen = readSent(sent);
  const output = seen.items.filter((item) => item !== undefined);
  // Without a response.created seen (an upstream that skipped it), a response object of its own.
  const started = seen.response ?? buildOpenAIResponsesObject({ id: `resp_${randomBytes(12).toString('hex')}`, createdAt: Math.floor(Date.now() / 1000), model: '', status: 'failed', output: [], usage: null });
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
