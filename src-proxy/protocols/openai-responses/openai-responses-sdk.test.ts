import OpenAI from 'openai';
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonReply, serveCannedResponseDuringTests, sseReply, type CannedReply, type CannedRequest } from '../../../test/fakes/serve-canned-response';
import type { CanonicalResponse, CanonicalStreamPart } from '../../canonical/index';
import { ProxyError } from '../../errors/proxy-error';
import { encodeOpenAIResponsesResponse } from './encode-openai-responses-response';
import { createOpenAIResponsesStreamEncoder } from './encode-openai-responses-stream';
import { createTestContext } from './fixtures/test-context';
import { renderOpenAIResponsesError } from './render-openai-responses-error';

/**
 * The official `openai` SDK (what users run) reading our encoders' output from a real socket: the
 * non-stream body, the SSE stream via `for await`, and the `responses.stream()` helper that
 * accumulates a snapshot from item/content indexes and replaces it with response.completed.
 */
const usage = { inputTokens: 20, outputTokens: 9, cachedInputTokens: 5, reasoningTokens: 4, totalTokens: 29 };

const richParts: CanonicalStreamPart[] = [
  { type: 'response-start', id: 'resp_sdk', model: 'upstream-model', created: 1_700_000_000 },
  { type: 'reasoning-start', index: 0 },
  { type: 'reasoning-delta', index: 0, delta: 'Check the ' },
  { type: 'reasoning-delta', index: 0, delta: 'weather.' },
  { type: 'reasoning-signature', index: 0, signature: 'gAAAA-sig', format: 'openai-responses' },
  { type: 'reasoning-end', index: 0 },
  { type: 'text-start', index: 1 },
  { type: 'text-delta', index: 1, delta: 'Let me ' },
  { type: 'text-delta', index: 1, delta: 'look.' },
  { type: 'text-end', index: 1 },
  { type: 'tool-call-start', index: 2, id: 'call_w', name: 'get_weather' },
  { type: 'tool-call-delta', index: 2, argumentsDelta: '{"city":' },
  { type: 'tool-call-delta', index: 2, argumentsDelta: '"Paris"}' },
  { type: 'tool-call-end', index: 2 },
  { type: 'finish', finish: { reason: 'tool-calls' }, usage },
];

const failingParts: CanonicalStreamPart[] = [
  { type: 'response-start', id: 'resp_fail', model: 'upstream-model', created: 1_700_000_000 },
  { type: 'text-start', index: 0 },
  { type: 'text-delta', index: 0, delta: 'par' },
  { type: 'error', error: { message: 'upstream overloaded', status: 529 } },
];

const richResponse: CanonicalResponse = {
  id: 'resp_sdk',
  model: 'upstream-model',
  created: 1_700_000_000,
  content: [
    { type: 'reasoning', text: 'Check the weather.', signature: 'gAAAA-sig', signatureFormat: 'openai-responses' },
    { type: 'text', text: 'Let me look.' },
    { type: 'tool-call', id: 'call_w', name: 'get_weather', arguments: '{"city":"Paris"}' },
  ],
  finish: { reason: 'tool-calls' },
  usage,
};

function streamText(parts: readonly CanonicalStreamPart[], model: string): string {
  const encoder = createOpenAIResponsesStreamEncoder(createTestContext(), { model });
  return parts.map((part) => encoder.encode(part)).join('') + encoder.flush();
}

function reply(request: CannedRequest): CannedReply {
  const body = request.body as { model: string; stream?: boolean };
  if (body.model === 'error-model') {
    return renderOpenAIResponsesError(new ProxyError({ code: 'PX_UPSTREAM_HTTP', httpStatus: 429, message: 'Too many requests', retryAfterSeconds: 1 }));
  }
  if (!body.stream) return jsonReply(encodeOpenAIResponsesResponse(richResponse, createTestContext(), { model: body.model, request: body }));
  return sseReply(streamText(body.model === 'failing-model' ? failingParts : richParts, body.model), 'text/event-stream; charset=utf-8');
}

const server = serveCannedResponseDuringTests(reply);
let client: OpenAI;

beforeAll(() => {
  client = new OpenAI({ baseURL: `${server.origin}/v1`, apiKey: 'test', maxRetries: 0 });
});

const tools: OpenAI.Responses.Tool[] = [{ type: 'function', name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } }, strict: false }];

describe('openai SDK reads our Responses encoders', () => {
  it('client.responses.create (non-stream)', async () => {
    const response = await client.responses.create({ model: 'gpt-5', input: 'weather in Paris?', tools });
    expect(response.id).toBe('resp_sdk');
    expect(response.model).toBe('gpt-5');
    expect(response.status).toBe('completed');
    expect(response.output_text).toBe('Let me look.');
    expect(response.output.map((item) => item.type)).toEqual(['reasoning', 'message', 'function_call']);
    const reasoning = response.output[0];
    expect(reasoning?.type === 'reasoning' && reasoning.summary[0]?.text).toBe('Check the weather.');
    const call = response.output[2];
    expect(call?.type === 'function_call' && [call.call_id, call.name, call.arguments]).toEqual(['call_w', 'get_weather', '{"city":"Paris"}']);
    expect(response.usage).toEqual({ input_tokens: 20, input_tokens_details: { cached_tokens: 5, cache_write_tokens: 0 }, output_tokens: 9, output_tokens_details: { reasoning_tokens: 4 }, total_tokens: 29 });
    expect(response.tools).toEqual(tools);
  });

  it('client.responses.create({ stream: true }) with for await', async () => {
    const stream = await client.responses.create({ model: 'gpt-5', input: 'weather in Paris?', tools, stream: true });
    const events: OpenAI.Responses.ResponseStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index));
    let text = '';
    let reasoning = '';
    let args = '';
    for (const event of events) {
      if (event.type === 'response.output_text.delta') text += event.delta;
      if (event.type === 'response.reasoning_summary_text.delta') reasoning += event.delta;
      if (event.type === 'response.function_call_arguments.delta') args += event.delta;
    }
    expect([text, reasoning, args]).toEqual(['Let me look.', 'Check the weather.', '{"city":"Paris"}']);
    const last = events.at(-1);
    expect(last?.type).toBe('response.completed');
    if (last?.type === 'response.completed') {
      expect(last.response.output).toHaveLength(3);
      expect(last.response.usage?.total_tokens).toBe(29);
    }
  });

  it('client.responses.stream(...).finalResponse() accumulates and ends with the completed response', async () => {
    const stream = client.responses.stream({ model: 'gpt-5', input: 'weather in Paris?', tools });
    const snapshots: string[] = [];
    stream.on('response.output_text.delta', (event) => snapshots.push(event.snapshot));
    const argumentSnapshots: string[] = [];
    stream.on('response.function_call_arguments.delta', (event) => argumentSnapshots.push(event.snapshot));
    const final = await stream.finalResponse();
    expect(snapshots).toEqual(['Let me ', 'Let me look.']);
    expect(argumentSnapshots).toEqual(['{"city":', '{"city":"Paris"}']);
    expect(final.status).toBe('completed');
    expect(final.output.map((item) => item.type)).toEqual(['reasoning', 'message', 'function_call']);
    const reasoning = final.output[0];
    expect(reasoning?.type === 'reasoning' && reasoning.encrypted_content).toBe('gAAAA-sig');
    expect(final.usage?.output_tokens_details.reasoning_tokens).toBe(4);
  });

  it('a failed stream: for await sees response.failed and error; the stream helper rejects', async () => {
    const stream = await client.responses.create({ model: 'failing-model', input: 'x', stream: true });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types.slice(-2)).toEqual(['response.failed', 'error']);
    await expect(client.responses.stream({ model: 'failing-model', input: 'x' }).finalResponse()).rejects.toMatchObject({ message: 'upstream overloaded' });
  });

  it('an HTTP error becomes the SDK APIError with status, code and message', async () => {
    const failure = client.responses.create({ model: 'error-model', input: 'x' });
    await expect(failure).rejects.toBeInstanceOf(OpenAI.RateLimitError);
    await expect(client.responses.create({ model: 'error-model', input: 'x' })).rejects.toMatchObject({ status: 429, code: 'rate_limit_exceeded', message: expect.stringContaining('Too many requests') });
  });
});
