import { decodeOpenAIChatRequest } from './decode-openai-chat-request';
import { decodeOpenAIChatResponse } from './decode-openai-chat-response';
import { createOpenAIChatStreamDecoder } from './decode-openai-chat-stream';
import { encodeOpenAIChatRequest } from './encode-openai-chat-request';
import { encodeOpenAIChatResponse } from './encode-openai-chat-response';
import { createOpenAIChatStreamEncoder } from './encode-openai-chat-stream';
import { renderOpenAIChatError, renderOpenAIChatStreamError } from './render-openai-chat-error';
import { stripOpenAIChatSdkFields } from './strip-openai-chat-sdk-fields';
import type { ClientCodec, ProtocolCodec, UpstreamCodec } from '../wire-codec';

const client: ClientCodec = {
  id: 'openai-chat',
  passthroughWire: 'openai-chat',
  decodeRequest: (body, context) => decodeOpenAIChatRequest(body, context),
  encodeResponse: encodeOpenAIChatResponse,
  createStreamEncoder: (context, options) => createOpenAIChatStreamEncoder(context, { model: options.model, ...(options.includeUsage !== undefined ? { includeUsage: options.includeUsage } : {}) }),
  streamContentType: () => 'text/event-stream; charset=utf-8',
  renderError: renderOpenAIChatError,
  renderStreamError: renderOpenAIChatStreamError,
  passThroughBody: stripOpenAIChatSdkFields,
};

const upstream: UpstreamCodec = {
  wire: 'openai-chat',
  encodeRequest: (request, context) => {
    const { value, warnings } = encodeOpenAIChatRequest(request, context);
    return { body: value, warnings, restore: undefined };
  },
  decodeResponse: (body, context) => decodeOpenAIChatResponse(body, context),
  createStreamDecoder: (context) => createOpenAIChatStreamDecoder(context),
};

/** OpenAI Chat Completions, both directions: this protocol's public face. */
export const openaiChatCodec = { client, upstream } satisfies ProtocolCodec;
