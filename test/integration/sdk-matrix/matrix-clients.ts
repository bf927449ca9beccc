import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { testClientKey } from '../start-test-engine';
import { tinyPng, weatherQuestion, weatherSchema } from './matrix-upstreams';

/** What every client test needs back, whatever the protocol. */
export interface ClientReply {
  text: string;
  toolCalls: Array<{ name: string; arguments: Record<string, unknown> }>;
}

export interface MatrixClient {
  name: string;
  send(model: string, options: { stream: boolean; tools?: boolean; image?: boolean }): Promise<ClientReply>;
}

export function createMatrixClients(origin: string): MatrixClient[] {
  return [openaiChatClient(origin), openaiResponsesClient(origin), anthropicClient(origin), geminiClient(origin)];
}

function openaiChatClient(origin: string): MatrixClient {
  const client = new OpenAI({ baseURL: `${origin}/v1`, apiKey: testClientKey, maxRetries: 0 });
  const tools = [{ type: 'function' as const, function: { name: 'get_weather', description: 'Weather for a city', parameters: weatherSchema } }];
  return {
    name: 'openai chat',
    async send(model, options) {
      const content: OpenAI.Chat.ChatCompletionContentPart[] = [{ type: 'text', text: options.tools ? weatherQuestion : 'Hi' }];
      if (options.image) content.push({ type: 'image_url', image_url: { url: `data:image/png;base64,${tinyPng}` } });
      const request = { model, messages: [{ role: 'user' as const, content }], ...(options.tools ? { tools } : {}) };
      if (!options.stream) {
        const message = (await client.chat.completions.create(request)).choices[0]?.message;
        return {
          text: message?.content ?? '',
          toolCalls: (message?.tool_calls ?? []).flatMap((call) => (call.type === 'function' ? [{ name: call.function.name, arguments: JSON.parse(call.function.arguments) as Record<string, unknown> }] : [])),
        };
      }
      const final = await client.chat.completions.stream(request).finalChatCompletion();
      const message = final.choices[0]?.message;
      return {
        text: message?.content ?? '',
        toolCalls: (message?.tool_calls ?? []).flatMap((call) => (call.type === 'function' ? [{ name: call.function.name, arguments: JSON.parse(call.function.arguments) as Record<string, unknown> }] : [])),
      };
    },
  };
}

function openaiResponsesClient(origin: string): MatrixClient {
  const client = new OpenAI({ baseURL: `${origin}/v1`, apiKey: testClientKey, maxRetries: 0 });
  const tools = [{ type: 'function' as const, name: 'get_weather', description: 'Weather for a city', parameters: weatherSchema, strict: false }];
  return {
    name: 'openai responses',
    async send(model, options) {
      const content: OpenAI.Responses.ResponseInputContent[] = [{ type: 'input_text', text: options.tools ? weatherQuestion : 'Hi' }];
      if (options.image) content.push({ type: 'input_image', image_url: `data:image/png;base64,${tinyPng}`, detail: 'auto' });
      const request = { model, input: [{ role: 'user' as const, content }], ...(options.tools ? { tools } : {}) };
      const response = options.stream ? await client.responses.stream(request).finalResponse() : await client.responses.create(request);
      const toolCalls = response.output.flatMap((item) => (item.type === 'function_call' ? [{ name: item.name, arguments: JSON.parse(item.arguments) as Record<string, unknown> }] : []));
      // finalResponse() of a stream has no `output_text` convenience field: read the message items.
      const text = response.output.flatMap((item) => (item.type === 'message' ? item.content.flatMap((part) => (part.type === 'output_text' ? [part.text] : [])) : [])).join('');
      return { text, toolCalls };
    },
  };
}

function anthropicClient(origin: string): MatrixClient {
  const client = new Anthropic({ baseURL: origin, apiKey: testClientKey, maxRetries: 0 });
  const tools = [{ name: 'get_weather', description: 'Weather for a city', input_schema: weatherSchema as Anthropic.Tool.InputSchema }];
  return {
    name: 'anthropic',
    async send(model, options) {
      const content: Anthropic.ContentBlockParam[] = [{ type: 'text', text: options.tools ? weatherQuestion : 'Hi' }];
      if (options.image) content.push({ type: 'image', source: { type: 'base64', media_type: 'image/png', data: tinyPng } });
      const request = { model, max_tokens: 512, messages: [{ role: 'user' as const, content }], ...(options.tools ? { tools } : {}) };
      const message = options.stream ? await client.messages.stream(request).finalMessage() : await client.messages.create(request);
      return {
        text: message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join(''),
        toolCalls: message.content.flatMap((block) => (block.type === 'tool_use' ? [{ name: block.name, arguments: block.input as Record<string, unknown> }] : [])),
      };
    },
  };
}

function geminiClient(origin: string): MatrixClient {
  const client = new GoogleGenAI({ apiKey: testClientKey, httpOptions: { baseUrl: origin } });
  return {
    name: 'gemini',
    async send(model, options) {
      const parts: Array<Record<string, unknown>> = [{ text: options.tools ? weatherQuestion : 'Hi' }];
      if (options.image) parts.push({ inlineData: { mimeType: 'image/png', data: tinyPng } });
      const config = options.tools ? { tools: [{ functionDeclarations: [{ name: 'get_weather', description: 'Weather for a city', parametersJsonSchema: weatherSchema }] }] } : {};
      const request = { model, contents: [{ role: 'user', parts }], config };
      const chunks = options.stream ? await collect(await client.models.generateContentStream(request)) : [await client.models.generateContent(request)];
      return {
        text: chunks.map((chunk) => chunk.text ?? '').join(''),
        toolCalls: chunks.flatMap((chunk) => chunk.functionCalls ?? []).map((call) => ({ name: call.name ?? '', arguments: (call.args ?? {}) as Record<string, unknown> })),
      };
    },
  };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}
