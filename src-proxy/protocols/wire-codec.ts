import type { CanonicalRequest, CanonicalResponse, Translated, TranslationContext, TranslationWarning, WireFormat } from '../canonical/index';
import type { ProxyError } from '../errors/proxy-error';
import type { StreamDecoder, StreamEncoder } from '../sse/stream-codec';

export interface RenderedError {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Ends one committed stream that broke: it sees every piece written to the client, then renders the ending. */
export interface StreamFailureWriter {
  observe(written: Buffer | string): void;
  render(error: ProxyError): string;
}

/** Where the client's request came from: Gemini puts the model and streaming mode in the URL. */
export interface ClientRouteInfo {
  model?: string;
  stream?: boolean;
  /** Gemini `alt` query value: 'sse' (default) or another value for the JSON-array stream. */
  alt?: string;
  /** The body is a token-count request (Anthropic count_tokens has no max_tokens). */
  countTokens?: boolean;
}

/** What a client encoder may need beyond the canonical parts: the request it answers. */
export interface ClientResponseOptions {
  /** The model name the client asked for, echoed in responses. */
  model: string;
  /** The client's own request body (Responses echoes fields and knows its custom tools from it). */
  clientBody?: Record<string, unknown>;
  /** The decoded request (for local usage estimates where the upstream gives none). */
  canonical?: CanonicalRequest;
}

export interface ClientStreamOptions extends ClientResponseOptions {
  includeUsage?: boolean;
  alt?: string;
}

/** The client-facing half of a protocol: what a route needs to read requests and answer. */
export interface ClientCodec {
  id: 'openai-chat' | 'openai-completions' | 'openai-responses' | 'anthropic-messages' | 'gemini';
  /** Upstream wire that can take this client's body unchanged (pass-through fast path). */
  passthroughWire: WireFormat;
  decodeRequest(body: unknown, context: TranslationContext, route: ClientRouteInfo): Translated<CanonicalRequest>;
  encodeResponse(response: CanonicalResponse, context: TranslationContext, options: ClientResponseOptions): unknown;
  createStreamEncoder(context: TranslationContext, options: ClientStreamOptions): StreamEncoder;
  streamContentType(options: ClientStreamOptions): string;
  renderError(error: ProxyError): RenderedError;
  renderStreamError(error: ProxyError): string;
  /**
   * For a protocol whose in-stream failure depends on what the client was already sent (Responses ends
   * with `response.failed` carrying the streamed response's id): one writer per stream. Without it, a
   * committed stream that breaks ends with `renderStreamError`.
   */
  createStreamFailureWriter?(): StreamFailureWriter;
  /** The client's body as the target API defines it, for the pass-through path (drops SDK-only fields). */
  passThroughBody?(body: Record<string, unknown>): Record<string, unknown>;
  /** The protocol's token-count response from a local estimate, where it has a count endpoint. */
  countTokensLocally?(request: CanonicalRequest): unknown;
}

/** Per-request state an upstream's response decoders need from its request encoder (e.g. tool-name maps). */
export type UpstreamRestore = unknown;

export interface EncodedUpstreamRequest {
  body: Record<string, unknown>;
  warnings: TranslationWarning[];
  restore: UpstreamRestore;
}

/** The upstream-facing half of a protocol. */
export interface UpstreamCodec {
  wire: WireFormat;
  encodeRequest(request: CanonicalRequest, context: TranslationContext): EncodedUpstreamRequest;
  decodeResponse(body: unknown, context: TranslationContext, restore: UpstreamRestore): Translated<CanonicalResponse>;
  createStreamDecoder(context: TranslationContext, restore: UpstreamRestore): StreamDecoder;
}

/**
 * A protocol's public face, exported by its folder's index.ts: the client half (routes decode requests
 * and answer with it) and, for wires an upstream speaks, the upstream half. Nothing outside a protocol
 * folder reaches its decode/encode functions other than through this object (and codec-registry.ts).
 */
export interface ProtocolCodec {
  client: ClientCodec;
  upstream?: UpstreamCodec;
}
