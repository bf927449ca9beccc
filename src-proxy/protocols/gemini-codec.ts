import { countGeminiTokens } from './gemini/count-gemini-tokens';
import { decodeGeminiRequest } from './gemini/decode-gemini-request';
import { decodeGeminiResponse } from './gemini/decode-gemini-response';
import { createGeminiStreamDecoder } from './gemini/decode-gemini-stream';
import { encodeGeminiRequestWithToolNames } from './gemini/encode-gemini-request';
import { encodeGeminiResponse } from './gemini/encode-gemini-response';
import { createGeminiStreamEncoder, geminiStreamContentType } from './gemini/encode-gemini-stream';
import { geminiToolNamesFromRestore } from './gemini/gemini-tool-names';
import { renderGeminiError, renderGeminiStreamError } from './gemini/render-gemini-error';
import type { ClientCodec, UpstreamCodec } from './wire-codec';

/** Gemini generateContent, both directions. The model and streaming mode come from the URL. */
export const geminiClientCodec: ClientCodec = {
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
export const geminiUpstreamCodec: UpstreamCodec = {
  wire: 'gemini',
  encodeRequest: (request, context) => {
    const { value, warnings } = encodeGeminiRequestWithToolNames(request, context);
    return { body: value.body, warnings, restore: value.toolNames };
  },
  decodeResponse: (body, context, restore) => decodeGeminiResponse(body, context, { toolNames: geminiToolNamesFromRestore(restore) }),
  createStreamDecoder: (context, restore) => createGeminiStreamDecoder(context, { toolNames: geminiToolNamesFromRestore(restore) }),
};
