/**
 * Every client endpoint with a valid, representative body (routed to the four-upstreams models) and the
 * protocol whose error format it answers in.
 */
import type { ClientProtocol } from './four-upstreams';

export interface ClientEndpoint {
  name: string;
  path: string;
  protocol: ClientProtocol;
  body: Record<string, unknown>;
}

const emptySchema = { type: 'object', properties: {} };
const geminiBody = {
  contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
  systemInstruction: { parts: [{ text: 'be brief' }] },
  generationConfig: { temperature: 0.5, maxOutputTokens: 16, stopSequences: ['x'] },
  tools: [{ functionDeclarations: [{ name: 'f', description: 'd', parameters: emptySchema }] }],
  safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }],
};

export const clientEndpoints: readonly ClientEndpoint[] = [
  {
    name: 'chat',
    path: '/v1/chat/completions',
    protocol: 'openai-chat',
    body: {
      model: 'f-chat',
      messages: [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: [{ type: 'text', text: 'hi' }] },
      ],
      max_tokens: 16,
      temperature: 0.5,
      stream: false,
      stop: ['x'],
      tools: [{ type: 'function', function: { name: 'f', description: 'd', parameters: emptySchema } }],
      tool_choice: 'auto',
    },
  },
  { name: 'completions', path: '/v1/completions', protocol: 'openai-chat', body: { model: 'f-chat', prompt: 'hi', max_tokens: 16, temperature: 0.5, stream: false } },
  {
    name: 'responses',
    path: '/v1/responses',
    protocol: 'responses',
    body: {
      model: 'f-resp',
      instructions: 'be brief',
      input: [{ role: 'user', content: [{ type: 'input_text', text: 'hi' }] }],
      max_output_tokens: 16,
      temperature: 0.5,
      stream: false,
      tools: [{ type: 'function', name: 'f', parameters: emptySchema }],
    },
  },
  {
    name: 'messages',
    path: '/v1/messages',
    protocol: 'anthropic',
    body: {
      model: 'f-claude',
      max_tokens: 16,
      system: 'be brief',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
      temperature: 0.5,
      stream: false,
      tools: [{ name: 'f', description: 'd', input_schema: emptySchema }],
      metadata: { user_id: 'u' },
    },
  },
  {
    name: 'count_tokens',
    path: '/v1/messages/count_tokens',
    protocol: 'anthropic',
    body: { model: 'f-claude', system: 'be brief', messages: [{ role: 'user', content: 'hi' }], tools: [{ name: 'f', input_schema: emptySchema }] },
  },
  { name: 'generateContent', path: '/v1beta/models/f-gemini:generateContent', protocol: 'gemini', body: geminiBody },
  { name: 'streamGenerateContent', path: '/v1beta/models/f-gemini:streamGenerateContent?alt=sse', protocol: 'gemini', body: geminiBody },
  { name: 'countTokens', path: '/v1beta/models/f-gemini:countTokens', protocol: 'gemini', body: { contents: geminiBody.contents } },
];
