import { describe, expect, it } from 'vitest';
import type { CanonicalRequest, ReasoningConfig } from '../../canonical/index';
import { decodeGeminiRequest } from './decode-gemini-request';
import { encodeGeminiRequest, encodeGeminiRequestWithToolNames } from './encode-gemini-request';
import { defaultGeminiSafetySettings } from './gemini-safety-settings';
import { baseRequest, testContext } from './gemini-test-support';
import { SKIP_THOUGHT_SIGNATURE } from './gemini-thought-signature';

const encode = (request: CanonicalRequest) => encodeGeminiRequest(request, testContext());

describe('encodeGeminiRequest: messages', () => {
  it('encodes text, system and default safety settings; no model or stream in the body', () => {
    const { value, warnings } = encode(baseRequest({ system: [{ type: 'text', text: 'Be brief.' }], stream: true }));
    expect(value).toEqual({
      contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      safetySettings: defaultGeminiSafetySettings,
    });
    expect(warnings).toEqual([]);
  });

  it('encodes a multi-turn conversation with model turns', () => {
    const { value } = encode(
      baseRequest({
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
          { role: 'assistant', content: [{ type: 'text', text: 'Hello!' }] },
          { role: 'user', content: [{ type: 'text', text: 'Joke?' }] },
        ],
      }),
    );
    expect(value['contents']).toEqual([
      { role: 'user', parts: [{ text: 'Hi' }] },
      { role: 'model', parts: [{ text: 'Hello!' }] },
      { role: 'user', parts: [{ text: 'Joke?' }] },
    ]);
  });

  it('sends a system-only request as the user turn', () => {
    const { value } = encode(baseRequest({ system: [{ type: 'text', text: 'Only me' }], messages: [] }));
    expect(value['contents']).toEqual([{ role: 'user', parts: [{ text: 'Only me' }] }]);
    expect(value).not.toHaveProperty('systemInstruction');
  });

  it('sends a mid-conversation system message as <system-reminder> user text, with a warning', () => {
    const { value, warnings } = encode(
      baseRequest({
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'a' }] },
          { role: 'assistant', content: [{ type: 'text', text: 'b' }] },
          { role: 'system', content: [{ type: 'text', text: 'rule' }, { type: 'text', text: 'more' }] },
          { role: 'user', content: [{ type: 'text', text: 'c' }] },
        ],
      }),
    );
    expect(value['contents']).toEqual([
      { role: 'user', parts: [{ text: 'a' }] },
      { role: 'model', parts: [{ text: 'b' }] },
      { role: 'user', parts: [{ text: '<system-reminder>\nrule\nmore\n</system-reminder>' }, { text: 'c' }] },
    ]);
    expect(warnings).toEqual([{ field: 'messages[2]', message: 'mid-conversation system message sent as <system-reminder> text in a user turn' }]);
  });

  // Regression (test:clients, Claude Code 2.1.197 -> Gemini): Claude Code sends the agent-type list as a
  // system message AFTER the question; sent as a user content after it, the model saw the list as the
  // last thing the user said and answered it instead of the question.
  it('keeps the user\'s last words last: a trailing system message goes to the start of the preceding user turn', () => {
    const { value } = encode(
      baseRequest({
        messages: [
          { role: 'user', content: [{ type: 'text', text: '<system-reminder>\ncontext\n</system-reminder>' }, { type: 'text', text: 'What is the weather in Paris?' }] },
          { role: 'system', content: [{ type: 'text', text: 'Available agent types: ...' }] },
          { role: 'system', content: [{ type: 'text', text: 'second' }] },
        ],
      }),
    );
    expect(value['contents']).toEqual([
      {
        role: 'user',
        parts: [
          { text: '<system-reminder>\nAvailable agent types: ...\n</system-reminder>' },
          { text: '<system-reminder>\nsecond\n</system-reminder>' },
          { text: '<system-reminder>\ncontext\n</system-reminder>' },
          { text: 'What is the weather in Paris?' },
        ],
      },
    ]);
  });

  it('folds system messages before and after one user turn in conversation order', () => {
    const { value } = encode(
      baseRequest({
        messages: [
          { role: 'assistant', content: [{ type: 'text', text: 'hello' }] },
          { role: 'system', content: [{ type: 'text', text: 's1' }] },
          { role: 'user', content: [{ type: 'text', text: 'q' }] },
          { role: 'system', content: [{ type: 'text', text: 's2' }] },
          { role: 'assistant', content: [{ type: 'text', text: 'answer' }] },
        ],
      }),
    );
    expect(value['contents']).toEqual([
      { role: 'model', parts: [{ text: 'hello' }] },
      { role: 'user', parts: [{ text: '<system-reminder>\ns1\n</system-reminder>' }, { text: '<system-reminder>\ns2\n</system-reminder>' }, { text: 'q' }] },
      { role: 'model', parts: [{ text: 'answer' }] },
    ]);
  });

  it('never puts a reminder between a functionCall turn and its functionResponse turn', () => {
    const call = { type: 'tool-call' as const, id: 'c1', name: 'get_weather', arguments: '{}' };
    const result = { role: 'tool' as const, content: [{ type: 'tool-result' as const, toolCallId: 'c1', content: [{ type: 'text' as const, text: 'sunny' }] }] };
    const { value } = encode(
      baseRequest({
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'q' }] },
          { role: 'assistant', content: [call] },
          { role: 'system', content: [{ type: 'text', text: 'between' }] },
          result,
          { role: 'system', content: [{ type: 'text', text: 'after' }] },
        ],
      }),
    );
    const contents = value['contents'] as Array<{ role: string; parts: unknown[] }>;
    expect(contents.map((content) => content.role)).toEqual(['user', 'model', 'user']);
    expect(contents[2]?.parts).toEqual([
      { functionResponse: { name: 'get_weather', response: { result: 'sunny' } } },
      { text: '<system-reminder>\nbetween\n</system-reminder>' },
      { text: '<system-reminder>\nafter\n</system-reminder>' },
    ]);
  });

  it('keeps a system message between two model turns as a user content of its own; empty ones are dropped', () => {
    const { value, warnings } = encode(
      baseRequest({
        messages: [
          { role: 'assistant', content: [{ type: 'text', text: 'a' }] },
          { role: 'system', content: [{ type: 'text', text: 'rule' }] },
          { role: 'system', content: [{ type: 'text', text: '' }] },
          { role: 'assistant', content: [{ type: 'text', text: 'b' }] },
        ],
      }),
    );
    expect(value['contents']).toEqual([
      { role: 'model', parts: [{ text: 'a' }] },
      { role: 'user', parts: [{ text: '<system-reminder>\nrule\n</system-reminder>' }] },
      { role: 'model', parts: [{ text: 'b' }] },
    ]);
    expect(warnings.map((warning) => warning.field)).toEqual(['messages[1]']);
  });

  it('encodes base64 images and files as inlineData', () => {
    const { value } = encode(
      baseRequest({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBO' } },
              { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBE' }, filename: 'a.pdf' },
              { type: 'image', source: { kind: 'url', url: 'data:image/gif;base64,R0lG' } },
            ],
          },
        ],
      }),
    );
    expect(value['contents']).toEqual([
      {
        role: 'user',
        parts: [
          { inlineData: { mimeType: 'image/png', data: 'iVBO' } },
          { inlineData: { mimeType: 'application/pdf', data: 'JVBE' } },
          { inlineData: { mimeType: 'image/gif', data: 'R0lG' } },
        ],
      },
    ]);
  });

  it('quirk: http image URLs become fileData instead of being dropped', () => {
    const { value } = encode(
      baseRequest({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image', source: { kind: 'url', url: 'https://example.com/cat.webp?size=big' } },
              { type: 'image', source: { kind: 'url', url: 'https://example.com/photo' } },
              { type: 'file', source: { kind: 'url', url: 'gs://bucket/doc.pdf' } },
            ],
          },
        ],
      }),
    );
    expect(value['contents']).toEqual([
      {
        role: 'user',
        parts: [
          { fileData: { mimeType: 'image/webp', fileUri: 'https://example.com/cat.webp?size=big' } },
          { fileData: { mimeType: 'image/jpeg', fileUri: 'https://example.com/photo' } },
          { fileData: { mimeType: 'application/pdf', fileUri: 'gs://bucket/doc.pdf' } },
        ],
      },
    ]);
  });

  it('drops cache hints and the end-user id with warnings', () => {
    const { warnings } = encode(
      baseRequest({
        system: [{ type: 'text', text: 's', cacheControl: { type: 'ephemeral' } }],
        messages: [{ role: 'user', content: [{ type: 'text', text: 'x', cacheControl: { type: 'ephemeral' } }] }],
        user: 'u-1',
      }),
    );
    expect(warnings.map((warning) => warning.field)).toEqual(['messages[0].content[0].cacheControl', 'user', 'system.cacheControl']);
  });
});

describe('encodeGeminiRequest: tools', () => {
  const weatherTool = { name: 'get_weather', description: 'Weather', inputSchema: { type: 'object', properties: { city: { type: 'string', minLength: 1 } }, required: ['city'], additionalProperties: false } };

  it('encodes declarations with cleaned parametersJsonSchema', () => {
    const { value } = encode(baseRequest({ tools: [weatherTool, { name: 'noop', inputSchema: {} }] }));
    expect(value['tools']).toEqual([
      {
        functionDeclarations: [
          {
            name: 'get_weather',
            description: 'Weather',
            parametersJsonSchema: { type: 'object', description: 'No extra properties allowed', properties: { city: { type: 'string', description: 'minLength: 1' } }, required: ['city'] },
          },
          { name: 'noop', parametersJsonSchema: { type: 'object', properties: {} } },
        ],
      },
    ]);
  });

  it.each([
    [{ type: 'auto' }, { mode: 'AUTO' }],
    [{ type: 'none' }, { mode: 'NONE' }],
    [{ type: 'required' }, { mode: 'ANY' }],
    [{ type: 'tool', name: 'get_weather' }, { mode: 'ANY', allowedFunctionNames: ['get_weather'] }],
  ] as const)('quirk: tool choice %j is mapped (to %j), not ignored', (toolChoice, functionCallingConfig) => {
    const { value } = encode(baseRequest({ tools: [weatherTool], toolChoice }));
    expect(value['toolConfig']).toEqual({ functionCallingConfig });
  });

  it('sanitises function names everywhere and returns the map to restore them', () => {
    const request = baseRequest({
      tools: [{ name: 'mcp/fs read', inputSchema: {} }, { name: '1st-tool', inputSchema: {} }],
      toolChoice: { type: 'tool', name: 'mcp/fs read' },
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'x' }] },
        { role: 'assistant', content: [{ type: 'tool-call', id: 'c1', name: 'mcp/fs read', arguments: '{"p":"/"}' }] },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', content: [{ type: 'text', text: 'ok' }] }] },
      ],
    });
    const { value } = encodeGeminiRequestWithToolNames(request, testContext());
    const body = value.body;
    expect(body['tools']).toEqual([
      {
        functionDeclarations: [
          { name: 'mcp_fs_read', parametersJsonSchema: { type: 'object', properties: {} } },
          { name: '_1st-tool', parametersJsonSchema: { type: 'object', properties: {} } },
        ],
      },
    ]);
    expect(body['toolConfig']).toEqual({ functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['mcp_fs_read'] } });
    expect(body['contents']).toEqual([
      { role: 'user', parts: [{ text: 'x' }] },
      { role: 'model', parts: [{ functionCall: { name: 'mcp_fs_read', args: { p: '/' } }, thoughtSignature: SKIP_THOUGHT_SIGNATURE }] },
      { role: 'user', parts: [{ functionResponse: { name: 'mcp_fs_read', response: { result: 'ok' } } }] },
    ]);
    expect(value.toolNames.fromGemini('mcp_fs_read')).toBe('mcp/fs read');
    expect(value.toolNames.renamed()).toEqual({ 'mcp/fs read': 'mcp_fs_read', '1st-tool': '_1st-tool' });
  });

  it('merges parallel tool results into one turn, names from the calls, media as sibling parts', () => {
    const { value } = encode(
      baseRequest({
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'go' }] },
          {
            role: 'assistant',
            content: [
              { type: 'tool-call', id: 'a', name: 'get_weather', arguments: '{"city":"Paris"}', signature: 'sig-G', signatureFormat: 'gemini' },
              { type: 'tool-call', id: 'b', name: 'screenshot', arguments: '' },
            ],
          },
          { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'a', content: [{ type: 'text', text: '{"temp":21}' }] }] },
          {
            role: 'tool',
            content: [
              {
                type: 'tool-result',
                toolCallId: 'b',
                content: [
                  { type: 'text', text: 'see image' },
                  { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBO' } },
                ],
              },
            ],
          },
          { role: 'user', content: [{ type: 'text', text: 'thanks' }] },
        ],
      }),
    );
    expect(value['contents']).toEqual([
      { role: 'user', parts: [{ text: 'go' }] },
      {
        role: 'model',
        parts: [
          { functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'sig-G' },
          // Gemini 3 signs only the first of parallel calls: the others go back unsigned, as received.
          { functionCall: { name: 'screenshot', args: {} } },
        ],
      },
      {
        role: 'user',
        parts: [
          { functionResponse: { name: 'get_weather', response: { temp: 21 } } },
          { functionResponse: { name: 'screenshot', response: { result: 'see image' } } },
          { inlineData: { mimeType: 'image/png', data: 'iVBO' } },
        ],
      },
      { role: 'user', parts: [{ text: 'thanks' }] },
    ]);
  });

  it('quirk: a tool result is an object, never the JSON text of the content', () => {
    const { value } = encode(
      baseRequest({
        messages: [
          { role: 'assistant', content: [{ type: 'tool-call', id: 'a', name: 'f', arguments: '{}' }] },
          {
            role: 'tool',
            content: [
              { type: 'tool-result', toolCallId: 'a', name: 'f', content: [{ type: 'text', text: 'ok' }] },
              { type: 'tool-result', toolCallId: 'a', name: 'f', content: [{ type: 'text', text: '[1,2]' }] },
              { type: 'tool-result', toolCallId: 'a', name: 'f', content: [{ type: 'text', text: 'boom' }], isError: true },
              { type: 'tool-result', toolCallId: 'a', name: 'f', content: [{ type: 'text', text: '{"code":7}' }], isError: true },
            ],
          },
        ],
      }),
    );
    const parts = (value['contents'] as Array<{ parts: unknown[] }>)[1]?.parts;
    expect(parts).toEqual([
      { functionResponse: { name: 'f', response: { result: 'ok' } } },
      { functionResponse: { name: 'f', response: { result: '[1,2]' } } },
      { functionResponse: { name: 'f', response: { error: 'boom' } } },
      { functionResponse: { name: 'f', response: { error: { code: 7 } } } },
    ]);
  });

  it('quirk: a function response is named after its call, never derived from the tool id', () => {
    // The original took the name from a Claude tool id ("json-call-1" -> "json-call": docs/protocols.md#cpa-quirks-we-do-not-copy).
    const { value } = encode(
      baseRequest({
        messages: [
          { role: 'assistant', content: [{ type: 'tool-call', id: 'json-call-1', name: 'json', arguments: '{}' }] },
          { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'json-call-1', content: [{ type: 'text', text: 'ok' }] }] },
        ],
      }),
    );
    expect((value['contents'] as Array<{ parts: unknown[] }>)[1]?.parts).toEqual([{ functionResponse: { name: 'json', response: { result: 'ok' } } }]);
  });

  it('warns about bad arguments, strict tools, parallel-call switches and nameless results', () => {
    const { value, warnings } = encode(
      baseRequest({
        tools: [{ name: 'f', inputSchema: {}, strict: true }],
        parallelToolCalls: false,
        messages: [
          { role: 'assistant', content: [{ type: 'tool-call', id: 'a', name: 'f', arguments: '{"trunc' }] },
          { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'zzz', content: [{ type: 'text', text: 'x' }] }] },
        ],
      }),
    );
    expect((value['contents'] as Array<{ parts: unknown[] }>)[0]?.parts).toEqual([{ functionCall: { name: 'f', args: {} }, thoughtSignature: SKIP_THOUGHT_SIGNATURE }]);
    expect(warnings.map((warning) => warning.field)).toEqual(['messages[0].content[0].arguments', 'messages[1].content.toolCallId', 'tools[0].strict', 'parallelToolCalls']);
  });
});

describe('encodeGeminiRequest: reasoning and signatures', () => {
  it('replays Gemini signatures and puts the bypass sentinel where none is valid', () => {
    const { value, warnings } = encode(
      baseRequest({
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'q' }] },
          {
            role: 'assistant',
            content: [
              { type: 'reasoning', text: 'gemini thought', signature: 'g-sig', signatureFormat: 'gemini' },
              { type: 'reasoning', text: 'claude thought', signature: 'c-sig', signatureFormat: 'anthropic' },
              { type: 'reasoning', text: '', signature: 'enc', signatureFormat: 'anthropic', redacted: true },
              { type: 'reasoning', text: 'unsigned thought' },
              { type: 'text', text: 'Answer' },
              { type: 'reasoning', text: '', signature: 'text-sig', signatureFormat: 'gemini' },
              { type: 'reasoning', text: '', signature: 'call-sig', signatureFormat: 'gemini' },
              { type: 'tool-call', id: 'c', name: 'f', arguments: '{}' },
              { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBO' } },
            ],
          },
        ],
      }),
    );
    expect((value['contents'] as Array<{ parts: unknown[] }>)[1]?.parts).toEqual([
      { text: 'gemini thought', thought: true, thoughtSignature: 'g-sig' },
      { text: 'claude thought', thought: true, thoughtSignature: SKIP_THOUGHT_SIGNATURE },
      { text: 'unsigned thought', thought: true, thoughtSignature: SKIP_THOUGHT_SIGNATURE },
      { text: 'Answer', thoughtSignature: 'text-sig' },
      { functionCall: { name: 'f', args: {} }, thoughtSignature: 'call-sig' },
      { inlineData: { mimeType: 'image/png', data: 'iVBO' }, thoughtSignature: SKIP_THOUGHT_SIGNATURE },
    ]);
    expect(warnings).toEqual([{ field: 'messages[1].content[2]', message: 'redacted reasoning cannot be replayed to Gemini; dropped' }]);
  });

  it('puts a signature carried before the answer text back onto that text part', () => {
    const { value } = encode(
      baseRequest({
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'q' }] },
          {
            role: 'assistant',
            content: [
              { type: 'reasoning', text: 'thought' },
              { type: 'reasoning', text: '', signature: 'text-sig', signatureFormat: 'gemini' },
              { type: 'text', text: 'Answer' },
            ],
          },
          { role: 'user', content: [{ type: 'text', text: 'more' }] },
        ],
      }),
    );
    expect((value['contents'] as Array<{ parts: unknown[] }>)[1]?.parts).toEqual([
      { text: 'thought', thought: true, thoughtSignature: SKIP_THOUGHT_SIGNATURE },
      { text: 'Answer', thoughtSignature: 'text-sig' },
    ]);
  });

  it('keeps the bypass value on every call of a turn whose first call has no Gemini signature', () => {
    const { value } = encode(
      baseRequest({
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'q' }] },
          {
            role: 'assistant',
            content: [
              { type: 'tool-call', id: 'a', name: 'f', arguments: '{}' },
              { type: 'tool-call', id: 'b', name: 'g', arguments: '{}' },
            ],
          },
        ],
      }),
    );
    expect((value['contents'] as Array<{ parts: unknown[] }>)[1]?.parts).toEqual([
      { functionCall: { name: 'f', args: {} }, thoughtSignature: SKIP_THOUGHT_SIGNATURE },
      { functionCall: { name: 'g', args: {} }, thoughtSignature: SKIP_THOUGHT_SIGNATURE },
    ]);
  });

  it.each<[ReasoningConfig, Record<string, unknown>]>([
    [{ budgetTokens: 4096 }, { thinkingBudget: 4096 }],
    [{ budgetTokens: 4096, effort: 'low', includeThoughts: true }, { thinkingBudget: 4096, includeThoughts: true }],
    [{ effort: 'none' }, { thinkingBudget: 0 }],
    [{ effort: 'auto', includeThoughts: true }, { thinkingBudget: -1, includeThoughts: true }],
    [{ effort: 'minimal' }, { thinkingLevel: 'MINIMAL' }],
    [{ effort: 'low' }, { thinkingLevel: 'LOW' }],
    [{ effort: 'medium' }, { thinkingLevel: 'MEDIUM' }],
    [{ effort: 'high', includeThoughts: false }, { thinkingLevel: 'HIGH', includeThoughts: false }],
    [{ effort: 'xhigh' }, { thinkingLevel: 'HIGH' }],
    [{ effort: 'max' }, { thinkingLevel: 'HIGH' }],
    [{ includeThoughts: true }, { includeThoughts: true }],
  ])('maps reasoning %j to thinkingConfig %j (Gemini 3)', (reasoning, thinkingConfig) => {
    const { value, warnings } = encode(baseRequest({ model: 'gemini-3-pro-preview', reasoning }));
    expect(value['generationConfig']).toEqual({ thinkingConfig });
    expect(warnings.length).toBe(reasoning.effort === 'xhigh' || reasoning.effort === 'max' ? 1 : 0);
  });
});

describe('encodeGeminiRequest: generation config', () => {
  it('quirk: max tokens and stop sequences are mapped, with all sampling fields', () => {
    const { value } = encode(
      baseRequest({ maxOutputTokens: 100, stopSequences: ['END'], temperature: 0.5, topP: 0.8, topK: 20, seed: 1, candidateCount: 2, presencePenalty: 0.1, frequencyPenalty: 0.2 }),
    );
    expect(value['generationConfig']).toEqual({
      temperature: 0.5,
      topP: 0.8,
      topK: 20,
      maxOutputTokens: 100,
      stopSequences: ['END'],
      candidateCount: 2,
      seed: 1,
      presencePenalty: 0.1,
      frequencyPenalty: 0.2,
    });
  });

  it('maps JSON mode and JSON schema output', () => {
    const schema = { type: 'object', properties: { a: { type: 'string', format: 'date' } }, $defs: {} };
    expect(encode(baseRequest({ responseFormat: { type: 'json' } })).value['generationConfig']).toEqual({ responseMimeType: 'application/json' });
    expect(encode(baseRequest({ responseFormat: { type: 'json-schema', name: 'out', schema, strict: true } })).value['generationConfig']).toEqual({
      responseMimeType: 'application/json',
      responseJsonSchema: schema,
    });
    expect(encode(baseRequest({ responseFormat: { type: 'text' } })).value).not.toHaveProperty('generationConfig');
  });
});

describe('Gemini request round trip', () => {
  it('decode -> encode keeps a Gemini request (apart from ids, safety defaults and schema cleaning)', () => {
    const original = {
      systemInstruction: { parts: [{ text: 'sys' }] },
      contents: [
        { role: 'user', parts: [{ text: 'weather?' }, { inlineData: { mimeType: 'image/png', data: 'iVBO' } }] },
        {
          role: 'model',
          parts: [
            { text: 'thinking', thought: true, thoughtSignature: 'sig-t' },
            { functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'sig-c' },
          ],
        },
        { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { temp: 21 } } }] },
        { role: 'model', parts: [{ text: 'It is 21.' }] },
        { role: 'user', parts: [{ text: 'thanks' }] },
      ],
      tools: [{ functionDeclarations: [{ name: 'get_weather', parametersJsonSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }] }],
      toolConfig: { functionCallingConfig: { mode: 'AUTO' } },
      generationConfig: { temperature: 0.2, maxOutputTokens: 50, thinkingConfig: { thinkingBudget: 1024, includeThoughts: true } },
    };
    const decoded = decodeGeminiRequest(original, testContext(), { model: 'gemini-2.5-flash', stream: false });
    const { value } = encodeGeminiRequest(decoded.value, testContext());
    expect(value).toEqual({ ...original, safetySettings: defaultGeminiSafetySettings });
  });
});
