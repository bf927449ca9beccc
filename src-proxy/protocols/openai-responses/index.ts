import { decodeOpenAIResponsesRequest } from './decode-openai-responses-request';
import { decodeOpenAIResponsesResponse } from './decode-openai-responses-response';
import { createOpenAIResponsesFailureWriter } from './create-openai-responses-failure-writer';
import { createOpenAIResponsesStreamDecoder } from './decode-openai-responses-stream';
import { encodeOpenAIResponsesRequest } from './encode-openai-responses-request';
import { encodeOpenAIResponsesResponse } from './encode-openai-responses-response';
import { createOpenAIResponsesStreamEncoder } from './encode-openai-responses-stream';
import { customToolNamesOf } from './openai-responses-custom-tools';
import { namespacedToolNamesOf } from './openai-responses-namespace-tools';
import { buildOpenAIResponsesRestore, type OpenAIResponsesRestore } from './openai-responses-names';
import { renderOpenAIResponsesError, renderOpenAIResponsesStreamError } from './render-openai-responses-error';
import { stripOpenAIResponsesSdkFields } from './strip-openai-responses-sdk-fields';
import type { ClientCodec, ClientResponseOptions, ProtocolCodec, UpstreamCodec } from '../wire-codec';

/**
 * The client's own request, so responses echo its fields and write calls of its custom tools as such and
 * of its namespaced tools with their inner name and namespace (the decoder flattened them by the same body).
 */
function echoOptions(options: ClientResponseOptions) {
  if (!options.clientBody) return {};
  const body = options.clientBody;
  return { request: body, customToolNames: customToolNamesOf(body), namespacedToolNames: namespacedToolNamesOf(body) };
}

const client: ClientCodec = {
  id: 'openai-responses',
  passthroughWire: 'openai-responses',
  decodeRequest: (body, context) => decodeOpenAIResponsesRequest(body, context),
  encodeResponse: (response, context, options) => encodeOpenAIResponsesResponse(response, context, { model: options.model, ...echoOptions(options) }),
  createStreamEncoder: (context, options) => createOpenAIResponsesStreamEncoder(context, { model: options.model, ...echoOptions(options) }),
  streamContentType: () => 'text/event-stream; charset=utf-8',
  renderError: renderOpenAIResponsesError,
  renderStreamError: (error) => renderOpenAIResponsesStreamError(error),
  createStreamFailureWriter: createOpenAIResponsesFailureWriter,
  passThroughBody: stripOpenAIResponsesSdkFields,
};

const upstream: UpstreamCodec = {
  wire: 'openai-responses',
  encodeRequest: (request, context) => {
    const { value, warnings } = encodeOpenAIResponsesRequest(request, context);
    return { body: value, warnings, restore: buildOpenAIResponsesRestore(request) };
  },
  decodeResponse: (body, context, restore) => decodeOpenAIResponsesResponse(body, context, restore as OpenAIResponsesRestore),
  createStreamDecoder: (context, restore) => createOpenAIResponsesStreamDecoder(context, restore as OpenAIResponsesRestore),
};

/** OpenAI Responses, both directions (Codex CLI, the SDK's `responses` API, codex-api-key upstreams): this protocol's public face. */
export const openaiResponsesCodec = { client, upstream } satisfies ProtocolCodec;
