import type { CanonicalStreamPart, TranslationContext } from '../../canonical/index';
import type { SseEvent } from '../../sse/sse-event';
import type { StreamDecoder } from '../../sse/stream-codec';
import { decodeGeminiUsage } from './convert-gemini-usage';
import { createdSeconds, type GeminiUpstreamDecodeOptions } from './decode-gemini-response';
import { geminiUpstreamResponseSchema, type GeminiUpstreamPart, type GeminiUpstreamResponse } from './gemini-schemas';
import { decodeUpstreamThoughtSignature } from './gemini-thought-signature';
import { identityGeminiToolNameMap, type GeminiToolNameMap } from './gemini-tool-names';
import { mapGeminiBlockReason, mapGeminiFinishReason } from './map-gemini-finish-reason';

interface OpenBlock {
  kind: 'text' | 'reasoning';
  index: number;
  signed: boolean;
}

interface GeminiStreamState {
  context: TranslationContext;
  toolNames: GeminiToolNameMap;
  model: string | undefined;
  started: boolean;
  /** A finish or error was emitted: everything after it is ignored. */
  done: boolean;
  nextIndex: number;
  open: OpenBlock | undefined;
  sawToolCall: boolean;
  finishReason: string | undefined;
  blockReason: string | undefined;
  usage: GeminiUpstreamResponse['usageMetadata'];
  usageReported: boolean;
  /** A signature Gemini put on a text part: sent as a signature-only block once the text block ends. */
  textSignature: string | undefined;
  /** The stream ended without a finishReason. */
  truncated: boolean;
}

/**
 * Gemini `streamGenerateContent?alt=sse` -> canonical stream parts. Every SSE data event is a whole
 * GenerateContentResponse (https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent):
 * text and thoughts arrive as incremental parts, a functionCall arrives whole, the last chunk carries
 * `finishReason` and the final `usageMetadata`. A thoughtSignature on a functionCall has no slot in the
 * canonical stream, so it travels as a signature-only reasoning block right before the call.
 */
export function createGeminiStreamDecoder(context: TranslationContext, options: GeminiUpstreamDecodeOptions = {}): StreamDecoder {
  const state: GeminiStreamState = {
    context,
    toolNames: options.toolNames ?? identityGeminiToolNameMap,
    model: options.model,
    started: false,
    done: false,
    nextIndex: 0,
    open: undefined,
    sawToolCall: false,
    finishReason: undefined,
    blockReason: undefined,
    usage: undefined,
    usageReported: false,
    textSignature: undefined,
    truncated: false,
  };
  return {
    decode: (event) => (state.done ? [] : decodeEvent(state, event)),
    flush: () => (state.done ? [] : endOfStream(state)),
  };
}

function decodeEvent(state: GeminiStreamState, event: SseEvent): CanonicalStreamPart[] {
  const data = event.data.trim();
  if (data === '' || data === '[DONE]') return [];
  const chunk = parseChunk(data);
  const out: CanonicalStreamPart[] = [];
  if (!chunk) return fail(state, out, { message: 'Gemini upstream sent an invalid stream chunk', status: 502 });
  if (chunk.error) {
    const code = chunk.error.code && chunk.error.code >= 400 ? chunk.error.code : 500;
    return fail(state, out, { message: chunk.error.message ?? 'Gemini upstream error', status: code, ...(chunk.error.status ? { code: chunk.error.status } : {}) });
  }
  start(state, out, chunk);
  // Usage before the chunk's content: a client encoder that writes its header with the first content
  // part (Anthropic message_start) then carries Gemini's real input tokens, not a local estimate.
  if (chunk.usageMetadata) reportUsage(state, out, chunk.usageMetadata);
  const candidate = chunk.candidates?.[0];
  for (const part of candidate?.content?.parts ?? []) handlePart(state, out, part);
  if (chunk.promptFeedback?.blockReason) state.blockReason = chunk.promptFeedback.blockReason;
  if (candidate?.finishReason) state.finishReason = candidate.finishReason;
  // The last chunk has both; a finishReason alone waits for the usage (or for the end of the stream).
  if ((state.finishReason || state.blockReason) && chunk.usageMetadata) return finish(state, out);
  return out;
}

function parseChunk(data: string): GeminiUpstreamResponse | undefined {
  try {
    const parsed = geminiUpstreamResponseSchema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function start(state: GeminiStreamState, out: CanonicalStreamPart[], chunk?: GeminiUpstreamResponse): void {
  if (state.started) return;
  state.started = true;
  out.push({
    type: 'response-start',
    id: chunk?.responseId || state.context.generateId('resp'),
    model: chunk?.modelVersion || state.model || '',
    created: createdSeconds(chunk?.createTime, state.context),
  });
}

function handlePart(state: GeminiStreamState, out: CanonicalStreamPart[], part: GeminiUpstreamPart): void {
  const signature = decodeUpstreamThoughtSignature(part.thoughtSignature)?.signature;
  if (part.functionCall) {
    closeOpen(state, out);
    if (signature) signatureBlock(state, out, signature);
    const index = state.nextIndex++;
    const name = state.toolNames.fromGemini(part.functionCall.name);
    const id = part.functionCall.id || state.context.generateId('call');
    out.push({ type: 'tool-call-start', index, id, name });
    out.push({ type: 'tool-call-delta', index, argumentsDelta: JSON.stringify(part.functionCall.args ?? {}) });
    out.push({ type: 'tool-call-end', index });
    state.sawToolCall = true;
  } else if (part.thought && typeof part.text === 'string') {
    if (signature && state.open?.kind === 'reasoning' && state.open.signed) closeOpen(state, out);
    const block = openBlock(state, out, 'reasoning');
    if (part.text !== '') out.push({ type: 'reasoning-delta', index: block.index, delta: part.text });
    if (signature) signOpen(out, block, signature);
  } else if (typeof part.text === 'string' || signature) {
    handleText(state, out, part.text ?? '', signature);
  }
  // inlineData (generated images) has no canonical stream part; it is dropped (see README).
}

/**
 * Plain text. A signature on an empty part closes the thought block before it; one on or
 * after text waits for the text block to end (so the text is not split), then stands alone.
 */
function handleText(state: GeminiStreamState, out: CanonicalStreamPart[], text: string, signature: string | undefined): void {
  if (text !== '') {
    const block = openBlock(state, out, 'text');
    out.push({ type: 'text-delta', index: block.index, delta: text });
  }
  if (!signature) return;
  if (text === '' && state.open?.kind === 'reasoning' && !state.open.signed) {
    signOpen(out, state.open, signature);
  } else if (state.open?.kind === 'text') {
    state.textSignature = signature;
  } else {
    closeOpen(state, out);
    signatureBlock(state, out, signature);
  }
}

function openBlock(state: GeminiStreamState, out: CanonicalStreamPart[], kind: OpenBlock['kind']): OpenBlock {
  if (state.open?.kind === kind) return state.open;
  closeOpen(state, out);
  const block: OpenBlock = { kind, index: state.nextIndex++, signed: false };
  out.push(kind === 'text' ? { type: 'text-start', index: block.index } : { type: 'reasoning-start', index: block.index });
  state.open = block;
  return block;
}

function signOpen(out: CanonicalStreamPart[], block: OpenBlock, signature: string): void {
  out.push({ type: 'reasoning-signature', index: block.index, signature, format: 'gemini' });
  block.signed = true;
}

/** An empty reasoning block that only carries a signature. */
function signatureBlock(state: GeminiStreamState, out: CanonicalStreamPart[], signature: string): void {
  const index = state.nextIndex++;
  out.push({ type: 'reasoning-start', index });
  out.push({ type: 'reasoning-signature', index, signature, format: 'gemini' });
  out.push({ type: 'reasoning-end', index });
}

function closeOpen(state: GeminiStreamState, out: CanonicalStreamPart[]): void {
  const block = state.open;
  if (!block) return;
  out.push(block.kind === 'text' ? { type: 'text-end', index: block.index } : { type: 'reasoning-end', index: block.index });
  state.open = undefined;
  const signature = state.textSignature;
  state.textSignature = undefined;
  if (signature) signatureBlock(state, out, signature);
}

/** Input tokens are known from the first chunk; report them once (the final counts ride on `finish`). */
function reportUsage(state: GeminiStreamState, out: CanonicalStreamPart[], usage: NonNullable<GeminiUpstreamResponse['usageMetadata']>): void {
  state.usage = usage;
  if (state.usageReported || usage.promptTokenCount === undefined) return;
  state.usageReported = true;
  out.push({ type: 'usage', usage: { inputTokens: usage.promptTokenCount + (usage.toolUsePromptTokenCount ?? 0) } });
}

/**
 * The upstream closed the stream. Gemini always ends with a finishReason, so without one the stream was
 * cut: `error` (the raw reason stays unset). Nothing at all is a failed exchange, reported as an error
 * part so the engine can still retry it before the client saw a byte.
 */
function endOfStream(state: GeminiStreamState): CanonicalStreamPart[] {
  if (!state.started) return fail(state, [], { message: 'Gemini upstream ended the stream without sending anything', status: 502 });
  if (!state.finishReason && !state.blockReason) state.truncated = true;
  return finish(state, []);
}

function finish(state: GeminiStreamState, out: CanonicalStreamPart[]): CanonicalStreamPart[] {
  start(state, out);
  closeOpen(state, out);
  const finishInfo = state.truncated
    ? { reason: 'error' as const }
    : !state.finishReason && state.blockReason
      ? mapGeminiBlockReason(state.blockReason)
      : mapGeminiFinishReason(state.finishReason, { hasToolCalls: state.sawToolCall });
  out.push({ type: 'finish', finish: finishInfo, usage: decodeGeminiUsage(state.usage) });
  state.done = true;
  return out;
}

function fail(state: GeminiStreamState, out: CanonicalStreamPart[], error: { message: string; status: number; code?: string }): CanonicalStreamPart[] {
  start(state, out);
  closeOpen(state, out);
  out.push({ type: 'error', error });
  state.done = true;
  return out;
}
