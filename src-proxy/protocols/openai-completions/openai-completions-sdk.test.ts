import OpenAI from 'openai';
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonReply, serveCannedResponseDuringTests, sseReply, type CannedReply, type CannedRequest } from '../../../test/fakes/serve-canned-response';
import type { CanonicalStreamPart, TranslationContext } from '../../canonical/index';
import { encodeOpenAICompletionsResponse } from './encode-openai-completions-response';
import { createOpenAICompletionsStreamEncoder } from './encode-openai-completions-stream';

/** The official `openai` SDK's `completions.create` parsing our output over real HTTP on loopback. */
function testContext(): TranslationContext {
  let counter = 0;
  return { generateId: (prefix) => `${prefix}_${(counter += 1)}`, now: () => 1_700_000_000_000 };
}

const usage = { inputTokens: 4, outputTokens: 6, totalTokens: 10 };
const parts: CanonicalStreamPart[] = [
  { type: 'response-start', id: 'cmpl_sdk', model: 'u', created: 1_700_000_000 },
  { type: 'text-start', index: 0 },
  { type: 'text-delta', index: 0, delta: 'Once upon' },
  { type: 'text-delta', index: 0, delta: ' a time' },
  { type: 'text-end', index: 0 },
  { type: 'finish', finish: { reason: 'length' }, usage },
];

function reply(request: CannedRequest): CannedReply {
  const body = request.body as { model: string; stream?: boolean; stream_options?: { include_usage?: boolean } };
  if (!body.stream) {
    const completion = encodeOpenAICompletionsResponse(
      { id: 'cmpl_sdk', model: 'u', created: 1_700_000_000, content: [{ type: 'text', text: 'Once upon a time' }], finish: { reason: 'length' }, usage },
      testContext(),
      { model: body.model },
    );
    return jsonReply(completion);
  }
  const encoder = createOpenAICompletionsStreamEncoder(testContext(), { model: body.model, includeUsage: body.stream_options?.include_usage === true });
  return sseReply(parts.map((part) => encoder.encode(part)).join('') + encoder.flush());
}

const server = serveCannedResponseDuringTests(reply);
let client: OpenAI;

beforeAll(() => {
  client = new OpenAI({ apiKey: 'sk-test', baseURL: `${server.origin}/v1`, maxRetries: 0 });
});

describe('the openai SDK reads our legacy completions output', () => {
  it('non-stream', async () => {
    const completion = await client.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: 'Tell a story' });
    expect(completion.object).toBe('text_completion');
    expect(completion.choices[0]).toEqual({ text: 'Once upon a time', index: 0, logprobs: null, finish_reason: 'length' });
    expect(completion.usage).toEqual({ prompt_tokens: 4, completion_tokens: 6, total_tokens: 10 });
  });

  it('stream with include_usage', async () => {
    const stream = await client.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: 'Tell a story', stream: true, stream_options: { include_usage: true } });
    let text = '';
    let finish: string | null = null;
    let total: number | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.text ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      if (chunk.usage) total = chunk.usage.total_tokens;
    }
    expect(text).toBe('Once upon a time');
    expect(finish).toBe('length');
    expect(total).toBe(10);
  });
});
