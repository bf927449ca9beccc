import { decodeOpenAIChatRequest } from './openai-chat/decode-openai-chat-request';
import { decodeOpenAIChatResponse } from './openai-chat/decode-openai-chat-response';
import { createOpenAIChatStreamDecoder } from './openai-chat/decode-openai-chat-stream';
import { encodeOpenAIChatRequest } from './openai-chat/encode-openai-chat-request';
import { encodeOpenAIChatResponse } from './openai-chat/encode-openai-chat-response';
import { createOpenAIChatStreamEncoder } from './openai-chat/encode-openai-chat-stream';
import { renderOpenAIChatError, renderOpenAIChatStreamError } from './openai-chat/render-openai-chat-error';
import { decodeOpenAICompletionsRequest } from './openai-completions/decode-openai-completions-request';
import { encodeOpenAICompletionsResponse } from './openai-completions/encode-openai-completions-response';
import { createOpenAICompletionsStreamEncoder } from './openai-completions/encode-openai-completions-stream';
import type { ClientCodec, UpstreamCodec } from './wire-codec';

/** OpenAI Chat Completions, both directions. */
export const openaiChatClientCodec: ClientCodec = {
  id: 'openai-chat',
  passthroughWire: 'openai-chat',
  decodeRequest: (body, context) => decodeOpenAIChatRequest(body, context),
  encodeResponse: encodeOpenAIChatResponse,
  createStreamEncoder: (context, options) => createOpenAIChatStreamEncoder(context, { model: options.model, ...(options.includeUsage !== undefined ? { includeUsage: options.includeUsage } : {}) }),
  streamContentType: () => 'text/event-stream; charset=utf-8',
  renderError: renderOpenAIChatError,
  renderStreamError: renderOpenAIChatStreamError,
};

export const openaiChatUpstreamCodec: UpstreamCodec = {
  wire: 'openai-chat',
  encodeRequest: (request, context) => {
    const { value, warnings } = encodeOpenAIChatRequest(request, context);
    return { body: value, warnings, restore: undefined };
  },
  decodeResponse: (body, context) => decodeOpenAIChatResponse(body, context),
  createStreamDecoder: (context) => createOpenAIChatStreamDecoder(context),
};

/** Legacy `/v1/completions`: its own request and response shapes, OpenAI Chat's error format. */
export const openaiCompletionsClientCodec: ClientCodec = {
  id: 'openai-completions',
  passthroughWire: 'openai-chat',
  decodeRequest: (body, context) => decodeOpenAICompletionsRequest(body, context),
  encodeResponse: encodeOpenAICompletionsResponse,
  createStreamEncoder: (context, options) =>
    createOpenAICompletionsStreamEncoder(context, { model: options.model, ...(options.includeUsage !== undefined ? { includeUsage: options.includeUsage } : {}) }),
  streamContentType: () => 'text/event-stream; charset=utf-8',
  renderError: renderOpenAIChatError,
  renderStreamError: renderOpenAIChatStreamError,
};
