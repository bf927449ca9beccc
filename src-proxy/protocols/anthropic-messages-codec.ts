import { countAnthropicTokens, decodeAnthropicCountTokensRequest } from './anthropic-messages/count-anthropic-tokens';
import { decodeAnthropicMessagesRequest } from './anthropic-messages/decode-anthropic-messages-request';
import { decodeAnthropicMessagesResponse } from './anthropic-messages/decode-anthropic-messages-response';
import { createAnthropicMessagesStreamDecoder } from './anthropic-messages/decode-anthropic-messages-stream';
import { encodeAnthropicMessagesRequest } from './anthropic-messages/encode-anthropic-messages-request';
import { encodeAnthropicMessagesResponse } from './anthropic-messages/encode-anthropic-messages-response';
import { createAnthropicMessagesStreamEncoder } from './anthropic-messages/encode-anthropic-messages-stream';
import { estimateAnthropicInputTokens } from './anthropic-messages/count-anthropic-tokens';
import { renderAnthropicMessagesError, renderAnthropicMessagesStreamError } from './anthropic-messages/render-anthropic-messages-error';
import type { ClientCodec, UpstreamCodec } from './wire-codec';

/** Anthropic Messages, both directions. */
export const anthropicMessagesClientCodec: ClientCodec = {
  id: 'anthropic-messages',
  passthroughWire: 'anthropic-messages',
  decodeRequest: (body, context, route) => (route.countTokens ? decodeAnthropicCountTokensRequest(body, context) : decodeAnthropicMessagesRequest(body, context)),
  encodeResponse: (response, context, options) => encodeAnthropicMessagesResponse(response, context, { model: options.model }),
  createStreamEncoder: (context, options) =>
    createAnthropicMessagesStreamEncoder(context, {
      model: options.model,
      // Spec 0.5: upstreams that report input tokens only at the end still give Claude Code a number up front.
      ...(options.canonical ? { inputTokensEstimate: estimateAnthropicInputTokens(options.canonical) } : {}),
    }),
  streamContentType: () => 'text/event-stream; charset=utf-8',
  renderError: renderAnthropicMessagesError,
  renderStreamError: renderAnthropicMessagesStreamError,
  countTokensLocally: countAnthropicTokens,
};

export const anthropicMessagesUpstreamCodec: UpstreamCodec = {
  wire: 'anthropic-messages',
  encodeRequest: (request, context) => {
    const { value, warnings } = encodeAnthropicMessagesRequest(request, context);
    return { body: value, warnings, restore: undefined };
  },
  decodeResponse: (body, context) => decodeAnthropicMessagesResponse(body, context),
  createStreamDecoder: (context) => createAnthropicMessagesStreamDecoder(context),
};
