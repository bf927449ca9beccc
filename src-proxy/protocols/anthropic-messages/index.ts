import { countAnthropicTokens, decodeAnthropicCountTokensRequest } from './count-anthropic-tokens';
import { decodeAnthropicMessagesRequest } from './decode-anthropic-messages-request';
import { decodeAnthropicMessagesResponse } from './decode-anthropic-messages-response';
import { createAnthropicMessagesStreamDecoder } from './decode-anthropic-messages-stream';
import { encodeAnthropicMessagesRequest } from './encode-anthropic-messages-request';
import { encodeAnthropicMessagesResponse } from './encode-anthropic-messages-response';
import { createAnthropicMessagesStreamEncoder } from './encode-anthropic-messages-stream';
import { estimateAnthropicInputTokens } from './count-anthropic-tokens';
import { renderAnthropicMessagesError, renderAnthropicMessagesStreamError } from './render-anthropic-messages-error';
import type { ClientCodec, ProtocolCodec, UpstreamCodec } from '../wire-codec';

const client: ClientCodec = {
  id: 'anthropic-messages',
  passthroughWire: 'anthropic-messages',
  decodeRequest: (body, context, route) => (route.countTokens ? decodeAnthropicCountTokensRequest(body, context) : decodeAnthropicMessagesRequest(body, context)),
  encodeResponse: (response, context, options) => encodeAnthropicMessagesResponse(response, context, { model: options.model }),
  createStreamEncoder: (context, options) =>
    createAnthropicMessagesStreamEncoder(context, {
      model: options.model,
      // docs/protocols.md#usage: upstreams that report input tokens only at the end still give Claude Code a number up front.
      ...(options.canonical ? { inputTokensEstimate: estimateAnthropicInputTokens(options.canonical) } : {}),
    }),
  streamContentType: () => 'text/event-stream; charset=utf-8',
  renderError: renderAnthropicMessagesError,
  renderStreamError: renderAnthropicMessagesStreamError,
  countTokensLocally: countAnthropicTokens,
};

const upstream: UpstreamCodec = {
  wire: 'anthropic-messages',
  encodeRequest: (request, context) => {
    const { value, warnings } = encodeAnthropicMessagesRequest(request, context);
    return { body: value, warnings, restore: undefined };
  },
  decodeResponse: (body, context) => decodeAnthropicMessagesResponse(body, context),
  createStreamDecoder: (context) => createAnthropicMessagesStreamDecoder(context),
};

/** Anthropic Messages, both directions: this protocol's public face. */
export const anthropicMessagesCodec = { client, upstream } satisfies ProtocolCodec;
