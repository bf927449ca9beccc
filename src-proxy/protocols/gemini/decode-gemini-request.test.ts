import { describe, expect, it } from 'vitest';
import { ProxyError } from '../../errors/proxy-error';
import { decodeGeminiRequest } from './decode-gemini-request';
import { clientThoughtSignature, SKIP_THOUGHT_SIGNATURE } from './gemini-thought-signature';
import { testContext } from './gemini-test-support';

const route = { model: 'gemini-2.5-pro', stream: false };
const decode = (body: unknown, stream = false) => decodeGeminiRequest(body, testContext(), { ...route, stream });

function invalid(body: unknown): ProxyError {
  try {
    decode(body);
  } catch (error) {
    if (error instanceof ProxyError) return error;
    throw error;
  }
  throw new Error('expected a ProxyError');
}

describe('decodeGeminiRequest: messages', () => {
  it('decodes a text turn; model and stream come from the URL', () => {
    const { value, warnings } = decode({ contents: [{ role: 'user', parts: [{ text: 'Hello' }] }] }, true);
    expect(value).toEqual({
      model: 'gemini-2.5-pro',
      system: [],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }],
      tools: [],
      stream: true,
    });
    expect(warnings).toEqual([]);
  });

  it('decodes a multi-turn conversation and infers a missing role', () => {
    const { value } = decode({
      contents: [
        { parts: [{ text: 'Hi' }] },
        { role: 'model', parts: [{ text: 'Hello!' }, { text: ' How can I help?' }] },
        { role: 'user', parts: [{ text: 'Tell me a joke' }] },
      ],
    });
    expect(value.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Hello!' }, { type: 'text', text: ' How can I help?' }] },
      { role: 'user', content: [{ type: 'text', text: 'Tell me a joke' }] },
    ]);
  });

  it('reads systemInstruction', () => {
    const { value } = decode({ systemInstruction: { parts: [{ text: 'Be brief.' }, { text: 'Be kind.' }] }, contents: [{ parts: [{ text: 'x' }] }] });
    expect(value.system).toEqual([
      { type: 'text', text: 'Be brief.' },
      { type: 'text', text: 'Be kind.' },
    ]);
  });

  it('quirk: system_instruction and systemInstruction are both read', () => {
    // The original's Gemini->Claude path read only the snake_case spelling and made it a user message.
    const snake = decode({ system_instruction: { parts: [{ text: 'Snake.' }] }, contents: [{ parts: [{ text: 'x' }] }] });
    expect(snake.value.system).toEqual([{ type: 'text', text: 'Snake.' }]);
    expect(snake.value.messages).toHaveLength(1);
    const camel = decode({ systemInstruction: { role: 'user', parts: [{ text: 'Camel.' }] }, contents: [{ parts: [{ text: 'x' }] }] });
    expect(camel.value.system).toEqual([{ type: 'text', text: 'Camel.' }]);
  });

  it('accepts snake_case field names anywhere, without touching argument keys', () => {
    const { value } = decode({
      contents: [
        { role: 'user', parts: [{ inline_data: { mime_type: 'image/png', data: 'aGVsbG8=' } }] },
        { role: 'model', parts: [{ function_call: { name: 'f', args: { snake_key: 1 } } }] },
      ],
      generation_config: { max_output_tokens: 10, thinking_config: { thinking_budget: 0 } },
    });
    expect(value.messages[0]).toEqual({ role: 'user', content: [{ type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'aGVsbG8=' } }] });
    expect(value.messages[1]).toEqual({ role: 'assistant', content: [{ type: 'tool-call', id: 'call_1', name: 'f', arguments: '{"snake_key":1}' }] });
    expect(value.maxOutputTokens).toBe(10);
    expect(value.reasoning).toEqual({ effort: 'none' });
  });

  it('decodes inline and file media into image and file parts', () => {
    const { value } = decode({
      contents: [
        {
          role: 'user',
          parts: [
            { inlineData: { mimeType: 'image/jpeg', data: 'AAAA' } },
            { inlineData: { mimeType: 'application/pdf', data: 'JVBE' } },
            { fileData: { mimeType: 'image/png', fileUri: 'https://example.com/cat.png' } },
            { fileData: { fileUri: 'https://generativelanguage.googleapis.com/v1beta/files/abc' } },
            { fileData: { fileUri: 'gs://bucket/report.pdf' } },
          ],
        },
      ],
    });
    expect(value.messages[0]?.content).toEqual([
      { type: 'image', source: { kind: 'base64', mediaType: 'image/jpeg', data: 'AAAA' } },
      { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBE' } },
      { type: 'image', source: { kind: 'url', url: 'https://example.com/cat.png', mediaType: 'image/png' } },
      { type: 'file', source: { kind: 'url', url: 'https://generativelanguage.googleapis.com/v1beta/files/abc' } },
      { type: 'file', source: { kind: 'url', url: 'gs://bucket/report.pdf', mediaType: 'application/pdf' } },
    ]);
  });

  it('decodes a countTokens body wrapped in generateContentRequest', () => {
    const { value } = decode({ generateContentRequest: { model: 'models/gemini-2.5-pro', contents: [{ role: 'user', parts: [{ text: 'count me' }] }] } });
    expect(value.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'count me' }] }]);
  });
});

describe('decodeGeminiRequest: tools', () => {
  it('decodes function declarations from parametersJsonSchema and from Gemini Schema parameters', () => {
    const { value, warnings } = decode({
      contents: [{ parts: [{ text: 'x' }] }],
      tools: [
        {
          functionDeclarations: [
            { name: 'get_weather', description: 'Weather', parametersJsonSchema: { type: 'object', properties: { city: { type: 'string' } } } },
            { name: 'list', parameters: { type: 'OBJECT', properties: { dir: { type: 'STRING', nullable: true }, n: { type: 'INTEGER', example: 3 } }, propertyOrdering: ['dir', 'n'] } },
            { name: 'noop' },
          ],
        },
        { googleSearch: {} },
      ],
    });
    expect(value.tools).toEqual([
      { name: 'get_weather', description: 'Weather', inputSchema: { type: 'object', properties: { city: { type: 'string' } } } },
      { name: 'list', inputSchema: { type: 'object', properties: { dir: { type: ['string', 'null'] }, n: { type: 'integer', examples: [3] } } } },
      { name: 'noop', inputSchema: { type: 'object', properties: {} } },
    ]);
    expect(warnings).toEqual([{ field: 'tools[1].googleSearch', message: 'built-in Gemini tool has no canonical form; dropped' }]);
  });

  it.each([
    [{ mode: 'AUTO' }, { type: 'auto' }],
    [{ mode: 'auto' }, { type: 'auto' }],
    [{ mode: 'NONE' }, { type: 'none' }],
    [{ mode: 'ANY' }, { type: 'required' }],
    [{ mode: 'ANY', allowedFunctionNames: ['get_weather'] }, { type: 'tool', name: 'get_weather' }],
    [{ mode: 'ANY', allowedFunctionNames: ['a', 'b'] }, { type: 'required' }],
    [{ mode: 'VALIDATED' }, { type: 'auto' }],
  ])('maps functionCallingConfig %j to %j', (config, choice) => {
    const { value } = decode({ contents: [{ parts: [{ text: 'x' }] }], toolConfig: { functionCallingConfig: config } });
    expect(value.toolChoice).toEqual(choice);
  });

  it('gives parallel calls stable ids and pairs responses by name, in order', () => {
    const { value } = decode({
      contents: [
        { role: 'user', parts: [{ text: 'weather in Paris and Rome, and the time' }] },
        {
          role: 'model',
          parts: [
            { functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'sig-A' },
            { functionCall: { name: 'get_weather', args: { city: 'Rome' } } },
            { functionCall: { name: 'get_time', args: {} } },
          ],
        },
        {
          role: 'user',
          parts: [
            { functionResponse: { name: 'get_time', response: { result: '12:00' } } },
            { functionResponse: { name: 'get_weather', response: { temperature: 21 } } },
            { functionResponse: { name: 'get_weather', response: { error: 'rate limited' } } },
            { text: 'thanks' },
          ],
        },
      ],
    });
    expect(value.messages[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}', signature: 'sig-A', signatureFormat: 'gemini' },
        { type: 'tool-call', id: 'call_2', name: 'get_weather', arguments: '{"city":"Rome"}' },
        { type: 'tool-call', id: 'call_3', name: 'get_time', arguments: '{}' },
      ],
    });
    expect(value.messages[2]).toEqual({
      role: 'tool',
      content: [
        { type: 'tool-result', toolCallId: 'call_3', name: 'get_time', content: [{ type: 'text', text: '12:00' }] },
        { type: 'tool-result', toolCallId: 'call_1', name: 'get_weather', content: [{ type: 'text', text: '{"temperature":21}' }] },
        { type: 'tool-result', toolCallId: 'call_2', name: 'get_weather', content: [{ type: 'text', text: 'rate limited' }], isError: true },
      ],
    });
    expect(value.messages[3]).toEqual({ role: 'user', content: [{ type: 'text', text: 'thanks' }] });
  });

  it('uses explicit functionCall / functionResponse ids when the client has them', () => {
    const { value } = decode({
      contents: [
        { role: 'model', parts: [{ functionCall: { id: 'fc-9', name: 'f', args: { a: 1 } } }] },
        { role: 'user', parts: [{ functionResponse: { id: 'fc-9', name: 'f', response: { output: 'done' } } }] },
      ],
    });
    expect(value.messages).toEqual([
      { role: 'assistant', content: [{ type: 'tool-call', id: 'fc-9', name: 'f', arguments: '{"a":1}' }] },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'fc-9', name: 'f', content: [{ type: 'text', text: 'done' }] }] },
    ]);
  });

  it('keeps multimodal function response parts', () => {
    const { value } = decode({
      contents: [
        { role: 'model', parts: [{ functionCall: { name: 'screenshot' } }] },
        { role: 'user', parts: [{ functionResponse: { name: 'screenshot', response: {}, parts: [{ inlineData: { mimeType: 'image/png', data: 'iVBO' } }] } }] },
      ],
    });
    expect(value.messages[1]).toEqual({
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          toolCallId: 'call_1',
          name: 'screenshot',
          content: [
            { type: 'text', text: '{}' },
            { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBO' } },
          ],
        },
      ],
    });
  });

  it('gives an unmatched function response a fresh id', () => {
    const { value } = decode({ contents: [{ role: 'user', parts: [{ functionResponse: { name: 'orphan', response: { result: 'x' } } }] }] });
    expect(value.messages[0]).toEqual({ role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_1', name: 'orphan', content: [{ type: 'text', text: 'x' }] }] });
  });
});

describe('decodeGeminiRequest: reasoning', () => {
  it('decodes thought parts with Gemini signatures and signatures on text parts', () => {
    const { value } = decode({
      contents: [
        { role: 'user', parts: [{ text: 'q' }] },
        {
          role: 'model',
          parts: [
            { text: 'Let me think', thought: true },
            { text: '', thoughtSignature: 'sig-1' },
            { text: 'Answer', thoughtSignature: 'sig-2' },
          ],
        },
      ],
    });
    expect(value.messages[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'Let me think', signature: 'sig-1', signatureFormat: 'gemini' },
        { type: 'reasoning', text: '', signature: 'sig-2', signatureFormat: 'gemini' },
        { type: 'text', text: 'Answer' },
      ],
    });
  });

  it('reads back a foreign signature from its carrier and ignores the bypass sentinel', () => {
    const carrier = clientThoughtSignature('claude-sig', 'anthropic');
    const redacted = clientThoughtSignature('opaque', 'anthropic', true);
    const { value } = decode({
      contents: [
        { role: 'user', parts: [{ text: 'q' }] },
        {
          role: 'model',
          parts: [
            { text: 'thinking', thought: true, thoughtSignature: carrier },
            { text: '', thought: true, thoughtSignature: redacted },
            { functionCall: { name: 'f', args: {} }, thoughtSignature: SKIP_THOUGHT_SIGNATURE },
          ],
        },
      ],
    });
    expect(value.messages[1]?.content).toEqual([
      { type: 'reasoning', text: 'thinking', signature: 'claude-sig', signatureFormat: 'anthropic' },
      { type: 'reasoning', text: '', signature: 'opaque', signatureFormat: 'anthropic', redacted: true },
      { type: 'tool-call', id: 'call_1', name: 'f', arguments: '{}' },
    ]);
  });

  it('joins a streamed answer replayed as one model content per chunk into one turn', () => {
    const { value } = decode({
      contents: [
        { role: 'user', parts: [{ text: 'q' }] },
        { role: 'model', parts: [{ text: 'Let me ', thought: true }] },
        { role: 'model', parts: [{ text: 'think.', thought: true }] },
        { role: 'model', parts: [{ text: '', thought: true, thoughtSignature: 'sig-t' }] },
        { role: 'model', parts: [{ text: 'Calling.' }] },
        { role: 'model', parts: [{ functionCall: { name: 'f', args: {} }, thoughtSignature: 'sig-f' }] },
        { role: 'user', parts: [{ functionResponse: { name: 'f', response: { result: 'ok' } } }] },
      ],
    });
    expect(value.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'tool']);
    expect(value.messages[1]?.content).toEqual([
      { type: 'reasoning', text: 'Let me think.', signature: 'sig-t', signatureFormat: 'gemini' },
      { type: 'text', text: 'Calling.' },
      { type: 'tool-call', id: 'call_1', name: 'f', arguments: '{}', signature: 'sig-f', signatureFormat: 'gemini' },
    ]);
    expect(value.messages[2]?.content[0]).toMatchObject({ toolCallId: 'call_1' });
  });

  it.each([
    [{ thinkingBudget: 2048, includeThoughts: true }, { budgetTokens: 2048, includeThoughts: true }],
    [{ thinkingBudget: -1 }, { effort: 'auto' }],
    [{ thinkingBudget: 0 }, { effort: 'none' }],
    [{ thinkingLevel: 'HIGH' }, { effort: 'high' }],
    [{ thinkingLevel: 'low', includeThoughts: false }, { effort: 'low', includeThoughts: false }],
    [{ thinkingLevel: 'MINIMAL' }, { effort: 'minimal' }],
  ])('maps thinkingConfig %j to reasoning %j', (thinkingConfig, reasoning) => {
    const { value } = decode({ contents: [{ parts: [{ text: 'x' }] }], generationConfig: { thinkingConfig } });
    expect(value.reasoning).toEqual(reasoning);
  });
});

describe('decodeGeminiRequest: generation config', () => {
  it('maps sampling, limits and stop sequences', () => {
    const { value, warnings } = decode({
      contents: [{ parts: [{ text: 'x' }] }],
      generationConfig: {
        temperature: 0.3,
        topP: 0.9,
        topK: 40,
        maxOutputTokens: 256,
        stopSequences: ['END'],
        candidateCount: 2,
        seed: 7,
        presencePenalty: 0.1,
        frequencyPenalty: 0.2,
        responseModalities: ['TEXT'],
      },
      safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_LOW_AND_ABOVE' }],
      cachedContent: 'cachedContents/abc',
    });
    expect(value).toMatchObject({ temperature: 0.3, topP: 0.9, topK: 40, maxOutputTokens: 256, stopSequences: ['END'], candidateCount: 2, seed: 7, presencePenalty: 0.1, frequencyPenalty: 0.2 });
    expect(value).not.toHaveProperty('safetySettings');
    expect(warnings.map((warning) => warning.field)).toEqual(['generationConfig.responseModalities', 'safetySettings', 'cachedContent']);
  });

  it('maps JSON mode with responseJsonSchema, responseSchema, or no schema', () => {
    const schema = { type: 'object', properties: { a: { type: 'string' } } };
    const withJson = decode({ contents: [{ parts: [{ text: 'x' }] }], generationConfig: { responseMimeType: 'application/json', responseJsonSchema: schema } });
    expect(withJson.value.responseFormat).toEqual({ type: 'json-schema', schema });
    const withGemini = decode({
      contents: [{ parts: [{ text: 'x' }] }],
      generationConfig: { responseMimeType: 'application/json', responseSchema: { type: 'OBJECT', properties: { a: { type: 'STRING' } } } },
    });
    expect(withGemini.value.responseFormat).toEqual({ type: 'json-schema', schema });
    const plain = decode({ contents: [{ parts: [{ text: 'x' }] }], generationConfig: { responseMimeType: 'application/json' } });
    expect(plain.value.responseFormat).toEqual({ type: 'json' });
    const enumMode = decode({ contents: [{ parts: [{ text: 'x' }] }], generationConfig: { responseMimeType: 'text/x.enum' } });
    expect(enumMode.value.responseFormat).toBeUndefined();
    expect(enumMode.warnings[0]?.field).toBe('generationConfig.responseMimeType');
  });
});

describe('decodeGeminiRequest: invalid input', () => {
  it.each([
    [{}, 'contents'],
    [{ contents: [] }, 'contents'],
    [{ contents: 'hi' }, 'contents'],
    [{ contents: [{ parts: [{ text: 5 }] }] }, 'contents[0].parts[0].text'],
    [{ contents: [{ role: 'assistant', parts: [{ text: 'x' }] }] }, 'contents[0].role'],
    [{ contents: [{ role: 'user', parts: [{ functionCall: { name: 'f' } }] }] }, 'contents[0].parts[0].functionCall'],
    [{ contents: [{ parts: [{ inlineData: { mimeType: 'image/png' } }] }] }, 'contents[0].parts[0].inlineData.data'],
    [{ contents: [{ parts: [{ text: 'x' }] }], generationConfig: { temperature: 'hot' } }, 'generationConfig.temperature'],
    [{ contents: [{ parts: [{ text: 'x' }] }], generationConfig: { maxOutputTokens: 1.5 } }, 'generationConfig.maxOutputTokens'],
    [{ contents: [{ parts: [{ text: 'x' }] }], generationConfig: { thinkingConfig: { thinkingLevel: 'extreme' } } }, 'generationConfig.thinkingConfig.thinkingLevel'],
    [{ contents: [{ parts: [{ text: 'x' }] }], tools: [{ functionDeclarations: [{ description: 'no name' }] }] }, 'tools[0].functionDeclarations[0].name'],
    [{ contents: [{ parts: [{ text: 'x' }] }], toolConfig: { functionCallingConfig: { mode: 'SOMETIMES' } } }, 'toolConfig.functionCallingConfig.mode'],
    [{ contents: [{ parts: [{ text: 'x' }] }], systemInstruction: 'be brief' }, 'systemInstruction'],
  ])('rejects %j naming %s', (body, field) => {
    const error = invalid(body);
    expect(error.code).toBe('PX_INVALID_REQUEST');
    expect(error.httpStatus).toBe(400);
    expect(error.message).toContain(`${field}:`);
  });

  it('names every bad field at once', () => {
    const error = invalid({ contents: [{ parts: [{ text: 1 }, { thought: 'yes' }] }], generationConfig: { topK: 'x' } });
    expect(error.message).toContain('contents[0].parts[0].text');
    expect(error.message).toContain('contents[0].parts[1].thought');
    expect(error.message).toContain('generationConfig.topK');
    expect(error.details).toEqual({ param: 'contents[0].parts[0].text' });
  });
});
