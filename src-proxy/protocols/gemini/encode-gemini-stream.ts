import type {
  CanonicalFinish,
  CanonicalStreamError,
  CanonicalStreamPart,
  CanonicalUsage,
  SignatureFormat,
  TranslationContext,
} from '../../canonical/index';
import type { StreamEncoder } from '../../sse/stream-codec';
import { encodeGeminiUsage } from './convert-gemini-usage';
import { parseArguments } from './encode-gemini-model-parts';
import { formatGeminiSseError, geminiErrorBody } from './render-gemini-error';
import { clientThoughtSignature } from './gemini-thought-signature';
import type { GeminiGenerateContentResponse, GeminiPart } from './gemini-types';
import { mapFinishReasonToGemini } from './map-gemini-finish-reason';

export interface GeminiStreamEncoderOptions {
  /** The model the client asked for, echoed as `modelVersion`. */
  model: string;
  /** Gemini always reports usage on the last chunk; accepted for the common interface only. */
  includeUsage?: boolean;
  /** The request's `alt` query value: 'sse' (the SDKs' choice) or anything else for the JSON-array form. */
  alt?: string;
}

/** Content type of the stream response: SSE for `alt=sse` (the SDKs' choice), JSON for the array form. */
export function geminiStreamContentType(alt: string | undefined): string {
  return (alt ?? 'sse') === 'sse' ? 'text/event-stream' : 'application/json; charset=UTF-8';
}

interface ReasoningBlock {
  hasText: boolean;
  redacted: boolean;
  signature: string | undefined;
}

interface EncoderState {
  options: GeminiStreamEncoderOptions;
  sse: boolean;
  responseId: string | undefined;
  chunksWritten: number;
  reasoning: Map<number, ReasoningBlock>;
  calls: Map<number, { id: string; name: string; args: string }>;
  /** Signature of an empty reasoning block: it belongs to the functionCall that follows, if one does. */
  heldSignature: string | undefined;
}

/**
 * Canonical stream parts -> what `streamGenerateContent` sends a Gemini client. With `alt=sse` (what
 * @google/genai and the Python SDK request) each event is `data: <GenerateContentResponse JSON>\n\n`;
 * otherwise the REST API streams one JSON array, written here as `[`, chunks separated by `,\r\n`, and `]`
 * at flush. Text and thoughts go out as they arrive; a function call is sent whole at its end;
 * `finishReason` and `usageMetadata` ride on the last chunk.
 */
export function createGeminiStreamEncoder(_context: TranslationContext, options: GeminiStreamEncoderOptions): StreamEncoder {
  const state: EncoderState = {
    options,
    sse: (options.alt ?? 'sse') === 'sse',
    responseId: undefined,
    chunksWritten: 0,
    reasoning: new Map(),
    calls: new Map(),
    heldSignature: undefined,
  };
  return {
    encode: (part) => encodePart(state, part),
    flush: () => (state.sse ? '' : state.chunksWritten === 0 ? '[]' : ']'),
  };
}

function encodePart(state: EncoderState, part: CanonicalStreamPart): string {
  // A held signature waits through the next tool call's parts; anything else releases it first.
  const held = part.type.startsWith('tool-call-') ? '' : releaseHeldSignature(state);
  switch (part.type) {
    case 'response-start':
      state.responseId = part.id;
      return held;
    case 'text-start':
    case 'text-end':
    case 'usage':
      return held;
    case 'text-delta':
      return held + (part.delta === '' ? '' : writeChunk(state, [{ text: part.delta }]));
    case 'reasoning-start':
      state.reasoning.set(part.index, { hasText: false, redacted: part.redacted === true, signature: undefined });
      return held;
    case 'reasoning-delta':
      return held + reasoningDelta(state, part.index, part.delta);
    case 'reasoning-signature':
      return held + reasoningSignature(state, part.index, part.signature, part.format);
    case 'reasoning-end':
      return held + reasoningEnd(state, part.index);
    case 'tool-call-start':
      state.calls.set(part.index, { id: part.id, name: part.name, args: '' });
      return held;
    case 'tool-call-delta':
      appendArguments(state, part.index, part.argumentsDelta);
      return held;
    case 'tool-call-end':
      return held + toolCallEnd(state, part.index);
    case 'finish':
      return held + writeChunk(state, [{ text: '' }], part.finish, part.usage);
    case 'error':
      return held + writeError(state, part.error);
    default: {
      const unknownPart: never = part;
      throw new Error(`unknown stream part ${JSON.stringify(unknownPart)}`);
    }
  }
}

function reasoningDelta(state: EncoderState, index: number, delta: string): string {
  const block = state.reasoning.get(index);
  if (block) block.hasText ||= delta !== '';
  return delta === '' ? '' : writeChunk(state, [{ text: delta, thought: true }]);
}

function reasoningSignature(state: EncoderState, index: number, signature: string, format: SignatureFormat): string {
  const block = state.reasoning.get(index);
  const clientSignature = clientThoughtSignature(signature, format, block?.redacted === true);
  if (!block || block.hasText || block.redacted) return writeChunk(state, [{ text: '', thought: true, thoughtSignature: clientSignature }]);
  block.signature = clientSignature;
  return '';
}

function reasoningEnd(state: EncoderState, index: number): string {
  const block = state.reasoning.get(index);
  state.reasoning.delete(index);
  if (block?.signature !== undefined) state.heldSignature = block.signature;
  return '';
}

/** A held signature that no functionCall claimed goes out on its own, as Gemini sends them. */
function releaseHeldSignature(state: EncoderState): string {
  const signature = state.heldSignature;
  if (signature === undefined) return '';
  state.heldSignature = undefined;
  return writeChunk(state, [{ text: '', thoughtSignature: signature }]);
}

function appendArguments(state: EncoderState, index: number, delta: string): void {
  const call = state.calls.get(index);
  if (call) call.args += delta;
}

function toolCallEnd(state: EncoderState, index: number): string {
  const call = state.calls.get(index);
  if (!call) return '';
  state.calls.delete(index);
  const part: GeminiPart = { functionCall: { name: call.name, args: parseArguments(call.args, 'arguments', []), id: call.id } };
  if (state.heldSignature !== undefined) part.thoughtSignature = state.heldSignature;
  state.heldSignature = undefined;
  return writeChunk(state, [part]);
}

function writeChunk(state: EncoderState, parts: GeminiPart[], finish?: CanonicalFinish, usage?: CanonicalUsage): string {
  const chunk: GeminiGenerateContentResponse = {
    candidates: [{ content: { role: 'model', parts }, ...(finish ? { finishReason: mapFinishReasonToGemini(finish) } : {}), index: 0 }],
  };
  if (usage) chunk.usageMetadata = encodeGeminiUsage(usage);
  chunk.modelVersion = state.options.model;
  if (state.responseId !== undefined) chunk.responseId = state.responseId;
  return frame(state, JSON.stringify(chunk));
}

function writeError(state: EncoderState, error: CanonicalStreamError): string {
  const body = geminiErrorBody(error.status, error.message);
  // Keep a Gemini upstream's own status name (RESOURCE_EXHAUSTED...); other vendors' codes do not fit.
  if (error.code && /^[A-Z][A-Z_]+$/.test(error.code)) body.error.status = error.code;
  if (state.sse) return formatGeminiSseError(body);
  return frame(state, JSON.stringify(body));
}

function frame(state: EncoderState, json: string): string {
  const first = state.chunksWritten === 0;
  state.chunksWritten += 1;
  if (state.sse) return `data: ${json}\n\n`;
  return `${first ? '[' : ',\r\n'}${json}`;
}
