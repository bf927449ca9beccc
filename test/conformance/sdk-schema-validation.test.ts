/**
 * Strict SDK validation of every client wire's answers, stream and non-stream, translated from each
 * other upstream: every field the SDK models require is present (`sdk-required-keys.ts`, compile-checked
 * against openai 6.40.0 and @anthropic-ai/sdk 1.14.0, plus the Python-only `cache_write_tokens`). The
 * Python SDKs themselves cannot be installed here (no PyPI); @google/genai declares every field optional,
 * so Gemini answers have no required set to check.
 */
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClientKey } from '../integration/start-test-engine';
import { dataEvents, modelFor, startFourUpstreams, type ClientProtocol, type FourUpstreams } from '../hardening/four-upstreams';
import { anthropicEventRequired, anthropicRequired, openaiRequired, pythonOnlyRequired, responsesEventRequired } from './sdk-required-keys';

let world: FourUpstreams;
beforeAll(async () => {
  world = await startFourUpstreams();
});
afterAll(async () => world.close());

type Json = Record<string, unknown>;
const asRecord = (value: unknown): Json => (typeof value === 'object' && value !== null ? (value as Json) : {});
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function missing(value: unknown, keys: readonly string[], path: string): string[] {
  if (typeof value !== 'object' || value === null) return [`${path}: not an object`];
  return keys.filter((key) => !(key in value)).map((key) => `${path}.${key}: missing`);
}

async function call(path: string, body: Json | undefined, extraHeaders: Record<string, string> = {}): Promise<string> {
  const response = await request(`${world.proxy.origin}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { authorization: `Bearer ${testClientKey}`, 'content-type': 'application/json', ...extraHeaders },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.body.text();
  expect(response.statusCode, text.slice(0, 300)).toBe(200);
  return text;
}

const tools = { function: [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: {} } } }] };
const others = (self: ClientProtocol) => (['openai-chat', 'anthropic', 'gemini', 'responses'] as const).filter((protocol) => protocol !== self).map((protocol) => modelFor[protocol]);

function responseProblems(response: unknown, path: string, usageRequired: boolean): string[] {
  const record = asRecord(response);
  const problems = missing(record, openaiRequired.response.filter((key) => key !== 'output_text'), path);
  if (usageRequired || record.usage) {
    const usage = asRecord(record.usage);
    problems.push(...missing(usage, openaiRequired.responseUsage, `${path}.usage`));
    problems.push(...missing(usage.input_tokens_details, [...openaiRequired.responseInputTokensDetails, ...pythonOnlyRequired.responseInputTokensDetails], `${path}.usage.input_tokens_details`));
  }
  asArray(record.output).forEach((item, index) => problems.push(...outputItemProblems(item, `${path}.output[${index}]`)));
  return problems;
}

function outputItemProblems(item: unknown, path: string): string[] {
  const record = asRecord(item);
  if (record.type === 'message') {
    return [...missing(record, openaiRequired.responseOutputMessage, path), ...asArray(record.content).flatMap((part, index) => (asRecord(part).type === 'output_text' ? missing(part, openaiRequired.responseOutputText, `${path}.content[${index}]`) : []))];
  }
  return record.type === 'function_call' ? missing(record, openaiRequired.responseFunctionCall, path) : [];
}

function messageProblems(message: unknown, path: string): string[] {
  const record = asRecord(message);
  const problems = [...missing(record, anthropicRequired.message, path), ...missing(record.usage, anthropicRequired.usage, `${path}.usage`)];
  asArray(record.content).forEach((block, index) => {
    const type = asRecord(block).type;
    if (type === 'text') problems.push(...missing(block, anthropicRequired.textBlock, `${path}.content[${index}]`));
    if (type === 'tool_use') problems.push(...missing(block, anthropicRequired.toolUseBlock, `${path}.content[${index}]`));
  });
  return problems;
}

describe('OpenAI Chat and Completions answers carry every field the openai SDK models require', () => {
  it.each(others('openai-chat'))('chat from %s: non-stream and stream', async (model) => {
    const body = { model, messages: [{ role: 'user', content: 'hi' }], tools: tools.function };
    const completion = asRecord(JSON.parse(await call('/v1/chat/completions', body)));
    const problems = [...missing(completion, openaiRequired.chatCompletion, '$'), ...missing(completion.usage, openaiRequired.chatUsage, '$.usage')];
    asArray(completion.choices).forEach((choice, index) => problems.push(...missing(choice, openaiRequired.chatChoice, `$.choices[${index}]`), ...missing(asRecord(choice).message, openaiRequired.chatMessage, `$.choices[${index}].message`)));
    const chunks = dataEvents(await call('/v1/chat/completions', { ...body, stream: true, stream_options: { include_usage: true } }));
    chunks.forEach((chunk, index) => {
      problems.push(...missing(chunk, openaiRequired.chatChunk, `chunk[${index}]`));
      asArray(asRecord(chunk).choices).forEach((choice, at) => problems.push(...missing(choice, openaiRequired.chatChunkChoice, `chunk[${index}].choices[${at}]`)));
    });
    expect(chunks.length).toBeGreaterThan(1);
    expect(problems).toEqual([]);
  });

  it('legacy completions', async () => {
    const completion = asRecord(JSON.parse(await call('/v1/completions', { model: modelFor.anthropic, prompt: 'hi' })));
    expect([...missing(completion, openaiRequired.completion, '$'), ...asArray(completion.choices).flatMap((choice, index) => missing(choice, openaiRequired.completionChoice, `$.choices[${index}]`))]).toEqual([]);
  });

  it('/v1/models', async () => {
    const list = asRecord(JSON.parse(await call('/v1/models', undefined)));
    expect(asArray(list.data).length).toBeGreaterThan(0);
    expect(asArray(list.data).flatMap((entry, index) => missing(entry, openaiRequired.model, `$.data[${index}]`))).toEqual([]);
  });
});

describe('Responses answers carry every field the openai SDK models require (incl. the Python-only cache_write_tokens)', () => {
  it.each(others('responses'))('regression: Responses answers lacked usage.input_tokens_details.cache_write_tokens: from %s, non-stream and stream', async (model) => {
    const body = { model, input: 'hi', tools: [{ type: 'function', name: 'f', parameters: { type: 'object', properties: {} } }] };
    const problems = responseProblems(JSON.parse(await call('/v1/responses', body)), '$', true);
    const events = dataEvents(await call('/v1/responses', { ...body, stream: true }));
    events.forEach((event, index) => {
      const record = asRecord(event);
      const keys = responsesEventRequired[String(record.type)];
      if (!keys) return problems.push(`event[${index}]: ${String(record.type)} is not in responsesEventRequired`);
      problems.push(...missing(record, keys, `event[${index}] ${String(record.type)}`));
      if (record.response) problems.push(...responseProblems(record.response, `event[${index}].response`, record.type === 'response.completed'));
      if (record.item) problems.push(...outputItemProblems(record.item, `event[${index}].item`));
      return undefined;
    });
    expect(events.at(-1)).toMatchObject({ type: 'response.completed' });
    expect(problems).toEqual([]);
  });
});

/**
 * Known gap, not yet emitted: fields @anthropic-ai/sdk 1.14 declares required but nullable (`X | null`),
 * which the Python SDK models (anthropic 0.121) declare Optional, so Python validation passes without
 * them. Listed exactly: emitting one makes its entry fail below until it is removed here.
 */
const anthropicNullableGaps = ['container', 'diagnostics', 'stop_details', 'cache_creation', 'inference_geo', 'output_tokens_details', 'server_tool_use', 'service_tier', 'speed', 'citations'];
const isKnownGap = (problem: string) => anthropicNullableGaps.some((key) => problem.endsWith(`.${key}: missing`));

describe('Anthropic answers carry every field the @anthropic-ai/sdk models require', () => {
  const headers = { 'anthropic-version': '2023-06-01' };
  it.each(others('anthropic'))('messages from %s: non-stream and stream', async (model) => {
    const body = { model, max_tokens: 64, messages: [{ role: 'user', content: 'hi' }], tools: [{ name: 'f', input_schema: { type: 'object', properties: {} } }] };
    const problems = messageProblems(JSON.parse(await call('/v1/messages', body, headers)), '$');
    const events = dataEvents(await call('/v1/messages', { ...body, stream: true }, headers));
    events.forEach((event, index) => {
      const record = asRecord(event);
      const keys = anthropicEventRequired[String(record.type)];
      if (!keys) return record.type === 'ping' ? undefined : problems.push(`event[${index}]: ${String(record.type)} is not in anthropicEventRequired`);
      problems.push(...missing(record, keys, `event[${index}] ${String(record.type)}`));
      if (record.type === 'message_start') problems.push(...messageProblems(record.message, `event[${index}].message`));
      if (record.type === 'message_delta') problems.push(...missing(record.usage, anthropicRequired.messageDeltaUsage, `event[${index}].usage`));
      return undefined;
    });
    expect(events.at(-1)).toMatchObject({ type: 'message_stop' });
    expect(problems.filter((problem) => !isKnownGap(problem))).toEqual([]);
    // Every listed gap is still a gap somewhere (remove the entry once the encoder emits the field).
    for (const key of anthropicNullableGaps) expect(problems.some((problem) => problem.endsWith(`.${key}: missing`)), key).toBe(true);
  });

  it('regression: Anthropic-format /v1/models entries lacked lifecycle', async () => {
    const list = asRecord(JSON.parse(await call('/v1/models', undefined, headers)));
    expect(asArray(list.data).length).toBeGreaterThan(0);
    expect(asArray(list.data).flatMap((entry, index) => missing(entry, anthropicRequired.modelInfo, `$.data[${index}]`))).toEqual([]);
    expect(asRecord(asArray(list.data)[0]).lifecycle).toBe('active');
  });

  it('count_tokens', async () => {
    const count = JSON.parse(await call('/v1/messages/count_tokens', { model: modelFor['openai-chat'], messages: [{ role: 'user', content: 'hi' }] }, headers));
    expect(missing(count, anthropicRequired.tokenCount, '$')).toEqual([]);
  });
});
