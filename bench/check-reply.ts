/**
 * Smoke checks of one response per request shape and target before anything is measured: the reply
 * must be the client's own wire, complete, and carry the fakes' text, so a fast error (or a translation
 * that drops deltas) can never pass for a fast proxy. Each returns undefined when fine, else the problem.
 */
import type { BenchWireId } from './bench-wires';

export type ReplyCheck = (status: number, body: string) => string | undefined;

export function replyCheck(wire: BenchWireId, stream: boolean, expectedText: string): ReplyCheck {
  const extract = extractors[wire][stream ? 'stream' : 'json'];
  return (status, body) => {
    const problem = status !== 200 ? `status ${status}` : describe(() => extract(body), expectedText);
    return problem === undefined ? undefined : `${problem}; body ${body.slice(0, 300)}`;
  };
}

type Extract = (body: string) => string;

const extractors: Record<BenchWireId, { json: Extract; stream: Extract }> = {
  'openai-chat': { json: openAIChatText, stream: openAIChatStreamText },
  'anthropic-messages': { json: anthropicMessageText, stream: anthropicStreamText },
};

function describe(extract: () => string, expectedText: string): string | undefined {
  let text: string;
  try {
    text = extract();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return text === expectedText ? undefined : `text ${JSON.stringify(text.slice(0, 80))} is not the fake's reply`;
}

/** `data:` payloads of an SSE body, in order. */
export function sseData(body: string): string[] {
  return body
    .split(/\r?\n/)
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice(5).trim());
}

function openAIChatText(body: string): string {
  const reply = record(JSON.parse(body), 'the reply');
  if (reply['object'] !== 'chat.completion') throw new Error(`object is ${String(reply['object'])}, not chat.completion`);
  const message = record(record(list(reply['choices'])[0], 'choices[0]')['message'], 'choices[0].message');
  return typeof message['content'] === 'string' ? message['content'] : '';
}

function openAIChatStreamText(body: string): string {
  const data = sseData(body);
  if (data.at(-1) !== '[DONE]') throw new Error('the stream does not end with data: [DONE]');
  let text = '';
  for (const payload of data.slice(0, -1)) {
    const chunk = record(JSON.parse(payload), 'a chunk');
    if (chunk['object'] !== 'chat.completion.chunk') throw new Error(`chunk object is ${String(chunk['object'])}`);
    const choice = list(chunk['choices'])[0];
    if (choice === undefined) continue; // the usage chunk
    const content = record(record(choice, 'choices[0]')['delta'], 'choices[0].delta')['content'];
    if (typeof content === 'string') text += content;
  }
  return text;
}

function anthropicMessageText(body: string): string {
  const reply = record(JSON.parse(body), 'the reply');
  if (reply['type'] !== 'message') throw new Error(`type is ${String(reply['type'])}, not message`);
  return list(reply['content'])
    .map((block) => record(block, 'a content block'))
    .filter((block) => block['type'] === 'text')
    .map((block) => String(block['text']))
    .join('');
}

function anthropicStreamText(body: string): string {
  const events = sseData(body).map((payload) => record(JSON.parse(payload), 'an event'));
  if (events[0]?.['type'] !== 'message_start') throw new Error('the stream does not start with message_start');
  if (events.at(-1)?.['type'] !== 'message_stop') throw new Error('the stream does not end with message_stop');
  let text = '';
  for (const event of events) {
    if (event['type'] === 'error') throw new Error('the stream carries an error event');
    if (event['type'] !== 'content_block_delta') continue;
    const delta = record(event['delta'], 'delta');
    if (delta['type'] === 'text_delta') text += String(delta['text']);
  }
  return text;
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${what} is not an object`);
  return value as Record<string, unknown>;
}

function list(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new Error('expected an array');
  return value;
}
