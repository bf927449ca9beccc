import { describe, expect, it } from 'vitest';
import type { CanonicalStreamPart, TranslationContext } from '../../canonical/index';
import { SseParser } from '../../sse/sse-parser';
import { streamInvariantViolations } from '../../../test/conformance/check-stream-invariants';
import { createOpenAIChatStreamDecoder } from './decode-openai-chat-stream';

function testContext(): TranslationContext {
  let counter = 0;
  return { generateId: (prefix) => `${prefix}_${(counter += 1)}`, now: () => 1_700_000_000_000 };
}

const head = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1_700_000_100, model: 'gpt-4o-2024-08-06' };

/** One chunk line as OpenAI writes it (chat reference, "The chat completion chunk object"). */
function chunk(delta: Record<string, unknown>, finishReason: string | null = null, extra: Record<string, unknown> = {}): string {
  return `data: ${JSON.stringify({ ...head, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }], ...extra })}\n\n`;
}

function usageChunk(usage: Record<string, unknown>): string {
  return `data: ${JSON.stringify({ ...head, choices: [], usage })}\n\n`;
}

const done = 'data: [DONE]\n\n';

/** Feeds SSE text through the real parser and the decoder, then flushes: what the proxy does. */
function decodeSse(text: string): CanonicalStreamPart[] {
  const parser = new SseParser();
  const decoder = createOpenAIChatStreamDecoder(testContext());
  const events = [...parser.push(new TextEncoder().encode(text)), ...parser.end()];
  const parts = [...events.flatMap((event) => decoder.decode(event)), ...decoder.flush()];
  expect(streamInvariantViolations(parts)).toEqual([]);
  return parts;
}

const start = { type: 'response-start', id: 'chatcmpl-1', model: 'gpt-4o-2024-08-06', created: 1_700_000_100 };
const usage = { prompt_tokens: 9, completion_tokens: 12, total_tokens: 21, prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 } };
const canonicalUsage = { inputTokens: 9, outputTokens: 12, totalTokens: 21, cachedInputTokens: 0, reasoningTokens: 0 };

describe('createOpenAIChatStreamDecoder', () => {
  it('decodes a text stream with the include_usage chunk after the finish_reason chunk', () => {
    const parts = decodeSse(
      chunk({ role: 'assistant', content: '', refusal: null }) + chunk({ content: 'Hello' }) + chunk({ content: ' world' }) + chunk({}, 'stop') + usageChunk(usage) + done,
    );
    expect(parts).toEqual([
      start,
      { type: 'text-start', index: 0 },
      { type: 'text-delta', index: 0, delta: 'Hello' },
      { type: 'text-delta', index: 0, delta: ' world' },
      { type: 'text-end', index: 0 },
      { type: 'finish', finish: { reason: 'stop', raw: 'stop' }, usage: canonicalUsage },
    ]);
  });

  it('decodes parallel tool calls with index-based argument deltas', () => {
    const parts = decodeSse(
      chunk({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '' } }] }) +
        chunk({ tool_calls: [{ index: 0, function: { arguments: '{"ci' } }] }) +
        chunk({ tool_calls: [{ index: 0, function: { arguments: 'ty":"Paris"}' } }] }) +
        chunk({ tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'get_weather', arguments: '' } }] }) +
        chunk({ tool_calls: [{ index: 1, function: { arguments: '{"city":"Rome"}' } }] }) +
        chunk({}, 'tool_calls') +
        usageChunk(usage) +
        done,
    );
    expect(parts).toEqual([
      start,
      { type: 'tool-call-start', index: 0, id: 'call_a', name: 'get_weather' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"ci' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: 'ty":"Paris"}' },
      { type: 'tool-call-start', index: 1, id: 'call_b', name: 'get_weather' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: '{"city":"Rome"}' },
      { type: 'tool-call-end', index: 0 },
      { type: 'tool-call-end', index: 1 },
      { type: 'finish', finish: { reason: 'tool-calls', raw: 'tool_calls' }, usage: canonicalUsage },
    ]);
  });

  it('decodes DeepSeek reasoning_content followed by content, with usage on the last chunk', () => {
    const deepseekUsage = { prompt_tokens: 5, completion_tokens: 30, total_tokens: 35, prompt_tokens_details: { cached_tokens: 2 }, completion_tokens_details: { reasoning_tokens: 25 } };
    const parts = decodeSse(
      chunk({ role: 'assistant', content: null, reasoning_content: '' }) +
        chunk({ content: null, reasoning_content: 'Let me' }) +
        chunk({ content: null, reasoning_content: ' think.' }) +
        chunk({ content: 'Answer', reasoning_content: null }) +
        chunk({ content: '', reasoning_content: null }, 'stop', { usage: deepseekUsage }) +
        done,
    );
    expect(parts).toEqual([
      start,
      { type: 'reasoning-start', index: 0 },
      { type: 'reasoning-delta', index: 0, delta: 'Let me' },
      { type: 'reasoning-delta', index: 0, delta: ' think.' },
      { type: 'reasoning-end', index: 0 },
      { type: 'text-start', index: 1 },
      { type: 'text-delta', index: 1, delta: 'Answer' },
      { type: 'text-end', index: 1 },
      { type: 'finish', finish: { reason: 'stop', raw: 'stop' }, usage: { inputTokens: 5, outputTokens: 30, totalTokens: 35, cachedInputTokens: 2, reasoningTokens: 25 } },
    ]);
  });

  it('decodes OpenRouter `reasoning` deltas (and ignores reasoning_details)', () => {
    const parts = decodeSse(
      chunk({ role: 'assistant', content: '', reasoning: 'Hmm', reasoning_details: [{ type: 'reasoning.text', text: 'Hmm' }] }) + chunk({ content: 'Yes' }) + chunk({}, 'stop') + done,
    );
    expect(parts.map((part) => part.type)).toEqual(['response-start', 'reasoning-start', 'reasoning-delta', 'reasoning-end', 'text-start', 'text-delta', 'text-end', 'finish']);
    expect(parts[2]).toEqual({ type: 'reasoning-delta', index: 0, delta: 'Hmm' });
  });

  it('turns an in-stream error chunk into an error part after closing open blocks', () => {
    const parts = decodeSse(chunk({ content: 'Partial' }) + `data: ${JSON.stringify({ error: { message: 'Upstream overloaded', type: 'server_error', code: 502 } })}\n\n` + chunk({ content: 'ignored' }) + done);
    expect(parts).toEqual([
      start,
      { type: 'text-start', index: 0 },
      { type: 'text-delta', index: 0, delta: 'Partial' },
      { type: 'text-end', index: 0 },
      { type: 'error', error: { message: 'Upstream overloaded', status: 502, code: 'server_error' } },
    ]);
  });

  it('maps an error type to a status when no numeric code is given', () => {
    const parts = decodeSse(`data: ${JSON.stringify({ error: { message: 'slow down', type: 'rate_limit_error', code: 'rate_limit_exceeded' } })}\n\n`);
    expect(parts).toEqual([
      { type: 'response-start', id: 'chatcmpl_1', model: '', created: 1_700_000_000 },
      { type: 'error', error: { message: 'slow down', status: 429, code: 'rate_limit_exceeded' } },
    ]);
  });

  it('a truncated stream (no finish_reason, no [DONE]) closes its blocks and finishes with reason error', () => {
    const parts = decodeSse(chunk({ role: 'assistant', content: 'Cut' }) + chunk({ tool_calls: [{ index: 0, id: 'call_t', function: { name: 'f', arguments: '{"a"' } }] }));
    expect(parts).toEqual([
      start,
      { type: 'text-start', index: 0 },
      { type: 'text-delta', index: 0, delta: 'Cut' },
      { type: 'text-end', index: 0 },
      { type: 'tool-call-start', index: 1, id: 'call_t', name: 'f' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: '{"a"' },
      { type: 'tool-call-end', index: 1 },
      { type: 'finish', finish: { reason: 'error' }, usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 } },
    ]);
  });

  it('a stream with finish_reason but no [DONE] finishes normally at the end of the body', () => {
    const parts = decodeSse(chunk({ content: 'Hi' }) + chunk({}, 'length'));
    expect(parts.at(-1)).toEqual({ type: 'finish', finish: { reason: 'length', raw: 'length' }, usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 } });
  });

  it('[DONE] without a finish_reason infers stop or tool-calls; an empty stream still starts and finishes', () => {
    expect(decodeSse(chunk({ content: 'Hi' }) + done).at(-1)).toMatchObject({ finish: { reason: 'stop' } });
    expect(decodeSse(chunk({ tool_calls: [{ index: 0, id: 'c', function: { name: 'f', arguments: '{}' } }] }) + done).at(-1)).toMatchObject({ finish: { reason: 'tool-calls' } });
    expect(decodeSse(done)).toEqual([
      { type: 'response-start', id: 'chatcmpl_1', model: '', created: 1_700_000_000 },
      { type: 'finish', finish: { reason: 'stop' }, usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 } },
    ]);
  });

  it('ignores everything after [DONE], stray non-JSON lines and other choices', () => {
    const other = `data: ${JSON.stringify({ ...head, choices: [{ index: 1, delta: { content: 'second choice' }, finish_reason: null }] })}\n\n`;
    const parts = decodeSse(chunk({ content: 'A' }) + 'data: not json\n\n' + other + chunk({}, 'stop') + done + chunk({ content: 'late' }));
    expect(parts.filter((part) => part.type === 'text-delta')).toEqual([{ type: 'text-delta', index: 0, delta: 'A' }]);
  });

  it('handles compatible servers that omit `index` and send each call whole', () => {
    const parts = decodeSse(
      chunk({ tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'a', arguments: '{"x":1}' } }] }) +
        chunk({ tool_calls: [{ id: 'call_2', type: 'function', function: { name: 'b', arguments: '{}' } }] }) +
        chunk({}, 'tool_calls') +
        done,
    );
    expect(parts.filter((part) => part.type.startsWith('tool-call'))).toEqual([
      { type: 'tool-call-start', index: 0, id: 'call_1', name: 'a' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"x":1}' },
      { type: 'tool-call-start', index: 1, id: 'call_2', name: 'b' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: '{}' },
      { type: 'tool-call-end', index: 0 },
      { type: 'tool-call-end', index: 1 },
    ]);
  });

  it('waits for the name before starting a call, keeping arguments that came first; synthesises a missing id', () => {
    const parts = decodeSse(chunk({ tool_calls: [{ index: 0, function: { arguments: '{"q":' } }] }) + chunk({ tool_calls: [{ index: 0, function: { name: 'search', arguments: '"x"}' } }] }) + chunk({}, 'tool_calls') + done);
    expect(parts.filter((part) => part.type.startsWith('tool-call'))).toEqual([
      { type: 'tool-call-start', index: 0, id: 'call_1', name: 'search' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"q":"x"}' },
      { type: 'tool-call-end', index: 0 },
    ]);
  });

  it('decodes the legacy streamed function_call as a tool call', () => {
    const parts = decodeSse(chunk({ role: 'assistant', content: null, function_call: { name: 'lookup', arguments: '' } }) + chunk({ function_call: { arguments: '{"q":1}' } }) + chunk({}, 'function_call') + done);
    expect(parts.slice(1)).toEqual([
      { type: 'tool-call-start', index: 0, id: 'call_1', name: 'lookup' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"q":1}' },
      { type: 'tool-call-end', index: 0 },
      { type: 'finish', finish: { reason: 'tool-calls', raw: 'function_call' }, usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 } },
    ]);
  });

  it('quirk: late usage-only chunk after finish_reason is kept in the finish', () => {
    const parts = decodeSse(chunk({ content: 'hello' }) + chunk({}, 'stop', { usage: null }) + usageChunk({ prompt_tokens: 1, completion_tokens: 1 }) + done);
    expect(parts.filter((part) => part.type === 'finish')).toEqual([{ type: 'finish', finish: { reason: 'stop', raw: 'stop' }, usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 } }]);
  });

  it('quirk: tool arguments stream as they arrive instead of one delta at the end', () => {
    const parts = decodeSse(
      chunk({ tool_calls: [{ index: 0, id: 'c', function: { name: 'f', arguments: '' } }] }) +
        chunk({ tool_calls: [{ index: 0, function: { arguments: '{"a":' } }] }) +
        chunk({ tool_calls: [{ index: 0, function: { arguments: '1}' } }] }) +
        done,
    );
    expect(parts.filter((part) => part.type === 'tool-call-delta').map((part) => (part as { argumentsDelta: string }).argumentsDelta)).toEqual(['{"a":', '1}']);
  });

  it('quirk: a call whose name never arrives is still emitted rather than renamed tool_<i>', () => {
    const parts = decodeSse(chunk({ tool_calls: [{ index: 0, id: 'call_z', function: { arguments: '{}' } }] }) + done);
    expect(parts.filter((part) => part.type === 'tool-call-start')).toEqual([{ type: 'tool-call-start', index: 0, id: 'call_z', name: '' }]);
  });
});
