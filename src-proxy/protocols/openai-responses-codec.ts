import { decodeOpenAIResponsesRequest } from './openai-responses/decode-openai-responses-request';
import { decodeOpenAIResponsesResponse } from './openai-responses/decode-openai-responses-response';
import { createOpenAIResponsesStreamDecoder } from './openai-responses/decode-openai-responses-stream';
import { encodeOpenAIResponsesRequest } from './openai-responses/encode-openai-responses-request';
import { encodeOpenAIResponsesResponse } from './openai-responses/encode-openai-responses-response';
import { createOpenAIResponsesStreamEncoder } from './openai-responses/encode-openai-responses-stream';
import { customToolNamesOf } from './openai-responses/openai-responses-custom-tools';
import { namespacedToolNamesOf } from './openai-responses/openai-responses-namespace-tools';
import { buildOpenAIResponsesRestore, type OpenAIResponsesRestore } from './openai-responses/openai-responses-names';
import { renderOpenAIResponsesError, renderOpenAIResponsesStreamError } from './openai-responses/render-openai-responses-error';
import type { ClientCodec, ClientResponseOptions, UpstreamCodec } from './wire-codec';

/**
 * The client's own request, so responses echo its fields and write calls of its custom tools as such and
 * of its namespaced tools with their inner name and namespace (the decoder flattened them by the same body).
 */
function echoOptions(options: ClientResponseOptions) {
  if (!options.clientBody) return {};
  const body = options.clientBody;
  return { request: body, customToolNames: customToolNamesOf(body), namespacedToolNames: namespacedToolNamesOf(body) };
}

/** OpenAI Responses, both directions (Codex CLI, the SDK's `responses` API, codex-api-key upstreams). */
export const openaiResponsesClientCodec: ClientCodec = {
  id: 'openai-responses',
  passthroughWire: 'openai-responses',
  decodeRequest: (body, context) => decodeOpenAIResponsesRequest(body, context),
  encodeResponse: (response, context, options) => encodeOpenAIResponsesResponse(response, context, { model: options.model, ...echoOptions(options) }),
  createStreamEncoder: (context, options) => createOpenAIResponsesStreamEncoder(context, { model: options.model, ...echoOptions(options) }),
  streamContentType: () => 'text/event-stream; charset=utf-8',
  renderError: renderOpenAIResponsesError,
  renderStreamError: (error) => renderOpenAIResponsesStreamError(error),
};

export const openaiResponsesUpstreamCodec: UpstreamCodec = {
  wire: 'openai-responses',
  encodeRequest: (request, context) => {
    const { value, warnings } = encodeOpenAIResponsesRequest(request, context);
    return { body: value, warnings, restore: buildOpenAIResponsesRestore(request) };
  },
  decodeResponse: (body, context, restore) => decodeOpenAIResponsesResponse(body, context, restore as OpenAIResponsesRestore),
  createStreamDecoder: (context, restore) => createOpenAIResponsesStreamDecoder(context, restore as OpenAIResponsesRestore),
};
