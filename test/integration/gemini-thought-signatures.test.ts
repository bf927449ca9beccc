import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGeminiUpstream } from '../fakes/fake-gemini-upstream';
import type { FakeGeminiUpstream } from '../fakes/fake-gemini-types';
import { startTestEngine, testClientKey, type TestEngine } from './start-test-engine';

/**
 * Gemini 2.5 and 3 sign the last part of a turn (https://ai.google.dev/gemini-api/docs/thought-signatures).
 * Through the real engine, with the official Anthropic SDK as Claude Code's stand-in: the answer's last
 * content block must be the text (Claude Code prints the last block), and a call's signature must come
 * back to Gemini on that call when the client replays the turn.
 */
let gemini: FakeGeminiUpstream;
let proxy: TestEngine;
let client: Anthropic;

const model = 'gemini-3-pro-preview';
const weatherTool = {
  name: 'get_weather',
  description: 'Current weather for a city',
  input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] },
};

beforeAll(async () => {
  gemini = await startFakeGeminiUpstream({ name: 'gemini-sig' });
  proxy = await startTestEngine({ 'gemini-api-key': [{ 'api-key': 'k-ge', 'base-url': gemini.baseUrl, models: [{ name: model }] }] });
  client = new Anthropic({ baseURL: proxy.origin, apiKey: testClientKey, maxRetries: 0 });
});

afterAll(async () => {
  await proxy.close();
  await gemini.close();
});

beforeEach(() => gemini.reset());

interface GeminiPart {
  text?: string;
  thought?: boolean;
  thoughtSignature?: string;
  functionCall?: { name: string };
}

function modelTurnParts(index: number): GeminiPart[] {
  const body = gemini.requests.at(-1)?.body as { contents: Array<{ role: string; parts: GeminiPart[] }> };
  return body.contents.filter((content) => content.role === 'model')[index]?.parts ?? [];
}

describe('Gemini thought signatures reach an Anthropic client in a valid block order', () => {
  it('gemini signature on the last text part does not end the Anthropic answer with an empty thinking block (non-stream)', async () => {
    gemini.enqueue({ kind: 'ok', text: 'Bonjour tout le monde.', textSignature: true });
    const message = await client.messages.create({ model, max_tokens: 256, messages: [{ role: 'user', content: 'Say hello in French.' }] });
    expect(message.content.at(-1)).toEqual({ type: 'text', text: 'Bonjour tout le monde.' });
    // The signature is still there for the next turn, before the text as Anthropic orders blocks.
    expect(message.content[0]).toMatchObject({ type: 'thinking', thinking: '', signature: expect.stringMatching(/^gemini#/) });

    gemini.enqueue({ kind: 'ok', text: 'Salut.' });
    const history = [{ role: 'user' as const, content: 'Say hello in French.' }, { role: 'assistant' as const, content: message.content }];
    await client.messages.create({ model, max_tokens: 256, messages: [...history, { role: 'user', content: 'Shorter?' }] });
    const signature = (message.content[0] as { signature: string }).signature.slice('gemini#'.length);
    expect(modelTurnParts(0)).toEqual([{ text: 'Bonjour tout le monde.', thoughtSignature: signature }]);
  });

  it('gemini signature on the last text part does not end the streamed Anthropic answer with an empty thinking block', async () => {
    gemini.enqueue({ kind: 'ok', text: 'Bonjour tout le monde.', textSignature: true, chunks: 3 });
    const stream = client.messages.stream({ model, max_tokens: 256, messages: [{ role: 'user', content: 'Say hello in French.' }] });
    let streamed = '';
    stream.on('text', (delta) => (streamed += delta));
    const message = await stream.finalMessage();
    expect(streamed).toBe('Bonjour tout le monde.');
    expect(message.content).toEqual([{ type: 'text', text: 'Bonjour tout le monde.' }]);
    expect(message.stop_reason).toBe('end_turn');
  });

  it('a streamed function call signature comes back to Gemini on that call when Claude Code replays the turn', async () => {
    gemini.enqueue({ kind: 'ok', functionCall: { name: 'get_weather', args: { city: 'Paris' } } });
    const question = { role: 'user' as const, content: 'Is it sunny in Paris?' };
    const first = await client.messages.stream({ model, max_tokens: 256, tools: [weatherTool], messages: [question] }).finalMessage();
    expect(first.content.map((block) => block.type)).toEqual(['thinking', 'tool_use']);
    expect(first.stop_reason).toBe('tool_use');
    const toolUse = first.content[1] as Anthropic.ToolUseBlock;
    const signature = (first.content[0] as Anthropic.ThinkingBlock).signature;

    gemini.enqueue({ kind: 'ok', text: 'It is sunny in Paris.', textSignature: true });
    const second = await client.messages
      .stream({
        model,
        max_tokens: 256,
        tools: [weatherTool],
        messages: [
          question,
          { role: 'assistant', content: first.content },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: '{"sky":"sunny"}' }] },
        ],
      })
      .finalMessage();
    expect(modelTurnParts(0)).toEqual([{ functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: signature.slice('gemini#'.length) }]);
    expect(second.content.at(-1)).toMatchObject({ type: 'text', text: 'It is sunny in Paris.' });
  });
});
