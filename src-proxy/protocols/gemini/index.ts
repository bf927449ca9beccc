import { countGeminiTokens } from './count-gemini-tokens';
import { decodeGeminiRequest } from './decode-gemini-request';
import { decodeGeminiResponse } from './decode-gemini-response';
import { createGeminiStreamDecoder } from './decode-gemini-stream';
import { encodeGeminiRequestWithToolNames } from './encode-gemini-request';
import { encodeGeminiResponse } from './encode-gemini-response';
import { createGeminiStreamEncoder, geminiStreamContentType } from './encode-gemini-stream';
import { geminiToolNamesFromRestore } from './gemini-tool-names';
import { renderGeminiError, renderGeminiStreamError } from './render-gemini-error';
import type { ClientCodec, ProtocolCodec, UpstreamCodec } from '../wire-codec';

/** The model and streaming mode come from the URL. */
const client: ClientCodec = {
  id: 'gemini',
  passthroughWire: 'gemini',
  decodeRequest: (body, context, route) => decodeGeminiRequest(body, context, { model: route.model ?? '', stream: route.stream === true }),
  encodeResponse: (response, context, options) => encodeGeminiResponse(response, context, { model: options.model }),
  createStreamEncoder: (context, options) => createGeminiStreamEncoder(context, { model: options.model, ...(options.alt ? { alt: options.alt } : {}) }),
  streamContentType: (options) => geminiStreamContentType(options.alt ?? 'sse'),
  renderError: renderGeminiError,
  renderStreamError: renderGeminiStreamError,
  countTokensLocally: countGeminiTokens,
};

/** Tool names Gemini cannot take are renamed on the way up; `restore` maps them back on the way down. */
const upstream: UpstreamCodec = {
  wire: 'gemini',
  encodeRequest: (request, context) => {
    const { value, warnings } = encodeGeminiRequestWithToolNames(request, context);
    return { body: value.body, warnings, restore: value.toolNames };
  },
  decodeResponse: (body, context, restore) => decodeGeminiResponse(body, context, { toolNames: geminiToolNamesFromRestore(restore) }),
  createStreamDecoder: (context, restore) => createGeminiStreamDecoder(context, { toolNames: geminiToolNamesFromRestore(restore) }),
};

/** Gemini generateContent, both directions: this protocol's public face. */
export const geminiCodec = { client, upstream } satisfies ProtocolCodec;
