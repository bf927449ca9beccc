import type { ClientCodec, ProtocolCodec } from '../wire-codec';
import { decodeOpenAICompletionsRequest } from './decode-openai-completions-request';
import { encodeOpenAICompletionsResponse } from './encode-openai-completions-response';
import { createOpenAICompletionsStreamEncoder } from './encode-openai-completions-stream';
import { renderOpenAICompletionsError, renderOpenAICompletionsStreamError } from './render-openai-completions-error';

const client: ClientCodec = {
  id: 'openai-completions',
  // Its bodies pass through to OpenAI-compatible upstreams' own `/v1/completions`.
  passthroughWire: 'openai-chat',
  decodeRequest: (body, context) => decodeOpenAICompletionsRequest(body, context),
  encodeResponse: encodeOpenAICompletionsResponse,
  createStreamEncoder: (context, options) =>
    createOpenAICompletionsStreamEncoder(context, { model: options.model, ...(options.includeUsage !== undefined ? { includeUsage: options.includeUsage } : {}) }),
  streamContentType: () => 'text/event-stream; charset=utf-8',
  renderError: renderOpenAICompletionsError,
  renderStreamError: renderOpenAICompletionsStreamError,
};

/** Legacy `/v1/completions`: client side only (no upstream speaks it; the hub serves it from chat models). */
export const openaiCompletionsCodec = { client } satisfies ProtocolCodec;
