import { describe, expect, it } from 'vitest';
import { openaiChatUpstreamChunkSchema, openaiChatUpstreamResponseSchema } from './openai-chat-schemas';
import { readOpenAIChatUpstreamChunk, readOpenAIChatUpstreamResponse } from './read-openai-chat-upstream';

/** Every field the schemas know, with a well-typed value (`MESSAGE` is `delta` or `message`). */
function fullBody(messageKey: 'delta' | 'message'): Record<string, unknown> {
  return {
    id: 'chatcmpl-1',
    model: 'gpt',
    created: 1700000000,
    choices: [
      {
        index: 0,
        [messageKey]: {
          content: 'hi',
          refusal: 'no',
          reasoning_content: 'think',
          reasoning: 'think2',
          tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } }],
          function_call: { name: 'g', arguments: '{"a":1}' },
          images: [{ image_url: { url: 'data:image/png;base64,AA==' } }],
        },
        finish_reason: 'stop',
      },
    ],
    usage: {
      prompt_tokens: 1,
      completion_tokens: 2,
      total_tokens: 3,
      prompt_tokens_details: { cached_tokens: 1 },
      completion_tokens_details: { reasoning_tokens: 1 },
      input_tokens: 1,
      output_tokens: 2,
    },
    error: { message: 'x' },
  };
}

const wrongValues: unknown[] = [null, 7, 'text', true, [], [1], {}, { nested: 1 }];

/** Paths to every value inside `value` (objects by key, arrays by index). */
function paths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof value !== 'object' || value === null) return [prefix];
  const keys = Array.isArray(value) ? value.map((_item, index) => index) : Object.keys(value);
  return [prefix, ...keys.flatMap((key) => paths((value as Record<string | number, unknown>)[key], [...prefix, key]))];
}

/** Fields both sides hand over as they are (`z.unknown()`). */
const opaqueKeys = new Set(['content', 'error']);

/** The schemas keep unknown keys (looseObject), the readers drop them: compare the known keys only. */
function withoutUnknownKeys(value: unknown, known: ReadonlySet<string | number>): unknown {
  if (Array.isArray(value)) return value.map((item) => withoutUnknownKeys(item, known));
  if (typeof value !== 'object' || value === null) return value;
  const kept = Object.entries(value).filter(([key]) => known.has(key));
  return Object.fromEntries(kept.map(([key, item]) => [key, opaqueKeys.has(key) ? item : withoutUnknownKeys(item, known)]));
}

function replaced(body: unknown, path: Array<string | number>, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let target = copy;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
  target[path[path.length - 1] as string | number] = replacement;
  return copy;
}

const cases = [
  { name: 'stream chunk', messageKey: 'delta' as const, read: readOpenAIChatUpstreamChunk, schema: openaiChatUpstreamChunkSchema },
  { name: 'response', messageKey: 'message' as const, read: readOpenAIChatUpstreamResponse, schema: openaiChatUpstreamResponseSchema },
];

describe.each(cases)('hand-written reader of an upstream $name', ({ messageKey, read, schema }) => {
  it('reads what the tolerant schema reads, with a wrong value in every field', () => {
    const body = fullBody(messageKey);
    const known = new Set(paths(body).flatMap((path) => path.slice(-1)));
    let compared = 0;
    for (const path of paths(body)) {
      for (const wrong of wrongValues) {
        const input = replaced(body, path, wrong);
        const expected = schema.safeParse(input);
        expect(read(structuredClone(input)), `${path.join('.')} = ${JSON.stringify(wrong)}`).toEqual(expected.success ? withoutUnknownKeys(expected.data, known) : undefined);
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(300);
  });

  it('refuses what is not an object and drops unknown keys', () => {
    for (const value of [null, 'x', 3, [], [{}]]) expect(read(value)).toBeUndefined();
    expect(read({ id: 'a', extra: 1 })).not.toHaveProperty('extra');
  });
});
