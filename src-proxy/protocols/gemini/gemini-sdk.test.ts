import { GoogleGenAI, type GenerateContentResponse } from '@google/genai';
import { describe, expect, it } from 'vitest';
import { jsonReply, serveCannedResponseDuringTests, sseReply, type CannedReply, type CannedRequest } from '../../../test/fakes/serve-canned-response';
import type { CanonicalResponse, CanonicalStreamPart } from '../../canonical/index';
import { ProxyError } from '../../errors/proxy-error';
import { decodeGeminiRequest } from './decode-gemini-request';
import { encodeGeminiResponse } from './encode-gemini-response';
import { createGeminiStreamEncoder } from './encode-gemini-stream';
import { renderGeminiError } from './render-gemini-error';
import { testContext } from './gemini-test-support';

/**
 * What users run: @google/genai reading our encoders' output from a tiny loopback server. The server
 * also decodes each SDK request with our decoder, so the request side is checked against the SDK too.
 */

interface Scenario {
  response?: CanonicalResponse;
  stream?: CanonicalStreamPart[];
  error?: ProxyError;
}

const usage = { inputTokens: 12, outputTokens: 9, reasoningTokens: 4, totalTokens: 21 };
const thinkingAndText: CanonicalResponse = {
  id: 'resp-1',
  model: 'upstream-model',
  created: 1,
  content: [
    { type: 'reasoning', text: 'Considering the question.', signature: 'CiQB', signatureFormat: 'gemini' },
    { type: 'text', text: 'The sky is blue.' },
  ],
  finish: { reason: 'stop' },
  usage,
};
const functionCall: CanonicalResponse = {
  ...thinkingAndText,
  content: [{ type: 'tool-call', id: 'call_9', name: 'get_weather', arguments: '{"city":"Paris"}', signature: 'sig-fc', signatureFormat: 'gemini' }],
  finish: { reason: 'tool-calls' },
};
const streamParts: CanonicalStreamPart[] = [
  { type: 'response-start', id: 'resp-2', model: 'upstream-model', created: 1 },
  { type: 'reasoning-start', index: 0 },
  { type: 'reasoning-delta', index: 0, delta: 'Thinking...' },
  { type: 'reasoning-signature', index: 0, signature: 'EqQB', format: 'anthropic' },
  { type: 'reasoning-end', index: 0 },
  { type: 'text-start', index: 1 },
  { type: 'text-delta', index: 1, delta: 'Hello' },
  { type: 'text-delta', index: 1, delta: ', world' },
  { type: 'text-end', index: 1 },
  { type: 'tool-call-start', index: 2, id: 'toolu_1', name: 'lookup' },
  { type: 'tool-call-delta', index: 2, argumentsDelta: '{"q":"x"}' },
  { type: 'tool-call-end', index: 2 },
  { type: 'finish', finish: { reason: 'tool-calls' }, usage },
];

let scenario: Scenario = {};

function reply(request: CannedRequest): CannedReply {
  if (scenario.error) return renderGeminiError(scenario.error);
  if (request.path.includes(':streamGenerateContent')) {
    const encoder = createGeminiStreamEncoder(testContext(), { model: 'gemini-2.5-pro', alt: 'sse' });
    return sseReply((scenario.stream ?? []).map((part) => encoder.encode(part)).join('') + encoder.flush());
  }
  return jsonReply(encodeGeminiResponse(scenario.response ?? thinkingAndText, testContext(), { model: 'gemini-2.5-pro' }));
}

const server = serveCannedResponseDuringTests(reply);

/** What the SDK sent last, for our request decoder. */
const lastSent = () => server.requests.at(-1);

const client = () => new GoogleGenAI({ apiKey: 'test-key', httpOptions: { baseUrl: server.origin } });

describe('@google/genai against the Gemini encoders', () => {
  it('parses a non-stream response with thoughts and text', async () => {
    scenario = { response: thinkingAndText };
    const response = await client().models.generateContent({
      model: 'gemini-2.5-pro',
      contents: 'Why is the sky blue?',
      config: { systemInstruction: 'Be brief.', thinkingConfig: { includeThoughts: true, thinkingBudget: 1024 }, temperature: 0.2 },
    });
    expect(response.text).toBe('The sky is blue.');
    expect(response.candidates?.[0]?.content?.parts?.[0]).toEqual({ text: 'Considering the question.', thought: true, thoughtSignature: 'CiQB' });
    expect(response.candidates?.[0]?.finishReason).toBe('STOP');
    expect(response.usageMetadata).toMatchObject({ promptTokenCount: 12, candidatesTokenCount: 5, thoughtsTokenCount: 4, totalTokenCount: 21 });
    expect(response.modelVersion).toBe('gemini-2.5-pro');
    expect(response.responseId).toBe('resp-1');

    const sent = lastSent();
    expect(sent?.path).toBe('/v1beta/models/gemini-2.5-pro:generateContent');
    expect(sent?.headers['x-goog-api-key']).toBe('test-key');
    const decoded = decodeGeminiRequest(sent?.body, testContext(), { model: 'gemini-2.5-pro', stream: false }).value;
    expect(decoded.system).toEqual([{ type: 'text', text: 'Be brief.' }]);
    expect(decoded.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'Why is the sky blue?' }] }]);
    expect(decoded.reasoning).toEqual({ budgetTokens: 1024, includeThoughts: true });
    expect(decoded.temperature).toBe(0.2);
  });

  it('parses a function call and the SDK request with tools decodes', async () => {
    scenario = { response: functionCall };
    const response = await client().models.generateContent({
      model: 'gemini-2.5-pro',
      contents: 'Weather in Paris?',
      config: {
        tools: [{ functionDeclarations: [{ name: 'get_weather', parametersJsonSchema: { type: 'object', properties: { city: { type: 'string' } } } }] }],
        toolConfig: { functionCallingConfig: { mode: 'ANY' as never, allowedFunctionNames: ['get_weather'] } },
      },
    });
    expect(response.functionCalls).toEqual([{ name: 'get_weather', args: { city: 'Paris' }, id: 'call_9' }]);
    expect(response.candidates?.[0]?.content?.parts?.[0]?.thoughtSignature).toBe('sig-fc');
    const decoded = decodeGeminiRequest(lastSent()?.body, testContext(), { model: 'gemini-2.5-pro', stream: false }).value;
    expect(decoded.tools).toEqual([{ name: 'get_weather', inputSchema: { type: 'object', properties: { city: { type: 'string' } } } }]);
    expect(decoded.toolChoice).toEqual({ type: 'tool', name: 'get_weather' });
  });

  it('streams thoughts, text and a function call with generateContentStream', async () => {
    scenario = { stream: streamParts };
    const stream = await client().models.generateContentStream({ model: 'gemini-2.5-pro', contents: 'hi' });
    const chunks: GenerateContentResponse[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(lastSent()?.path).toBe('/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse');
    expect(chunks.map((chunk) => chunk.text ?? '').join('')).toBe('Hello, world');
    const parts = chunks.flatMap((chunk) => chunk.candidates?.[0]?.content?.parts ?? []);
    expect(parts.filter((part) => part.thought).map((part) => part.text).join('')).toBe('Thinking...');
    expect(chunks.flatMap((chunk) => chunk.functionCalls ?? [])).toEqual([{ name: 'lookup', args: { q: 'x' }, id: 'toolu_1' }]);
    expect(chunks.at(-1)?.candidates?.[0]?.finishReason).toBe('STOP');
    expect(chunks.at(-1)?.usageMetadata?.totalTokenCount).toBe(21);
  });

  it('keeps a chat session history valid across a streamed turn', async () => {
    scenario = { stream: streamParts.filter((part) => !part.type.startsWith('tool-call')) };
    const chat = client().chats.create({ model: 'gemini-2.5-pro' });
    const stream = await chat.sendMessageStream({ message: 'hi' });
    for await (const _chunk of stream) {
      // drain
    }
    // The SDK keeps one model content per streamed chunk; all of them are valid (role + parts).
    const history = chat.getHistory(true);
    expect(history.map((content) => content.role)).toEqual(['user', 'model', 'model', 'model', 'model', 'model']);
    await chat.sendMessage({ message: 'again' }).catch(() => undefined);
    const replay = decodeGeminiRequest(lastSent()?.body, testContext(), { model: 'gemini-2.5-pro', stream: false }).value;
    // The replayed chunks are one assistant turn; the thought text gets its Anthropic signature back.
    expect(replay.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(replay.messages[1]?.content).toEqual([
      { type: 'reasoning', text: 'Thinking...', signature: 'EqQB', signatureFormat: 'anthropic' },
      { type: 'text', text: 'Hello' },
      { type: 'text', text: ', world' },
    ]);
  });

  it('surfaces an in-stream error as a thrown error', async () => {
    scenario = {
      stream: [
        { type: 'response-start', id: 'r', model: 'm', created: 1 },
        { type: 'text-start', index: 0 },
        { type: 'text-delta', index: 0, delta: 'partial' },
        { type: 'text-end', index: 0 },
        { type: 'error', error: { message: 'upstream overloaded', status: 503 } },
      ],
    };
    const consume = async (): Promise<string> => {
      let text = '';
      for await (const chunk of await client().models.generateContentStream({ model: 'gemini-2.5-pro', contents: 'hi' })) text += chunk.text ?? '';
      return text;
    };
    await expect(consume()).rejects.toThrow();
  });

  it('surfaces rendered HTTP errors as ApiError with the status', async () => {
    scenario = { error: new ProxyError({ code: 'PX_COOLDOWN', httpStatus: 429, message: 'Quota exceeded', retryAfterSeconds: 5 }) };
    await expect(client().models.generateContent({ model: 'gemini-2.5-pro', contents: 'hi' })).rejects.toMatchObject({ status: 429, message: expect.stringContaining('RESOURCE_EXHAUSTED') });
  });
});
