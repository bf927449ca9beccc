import type { CanonicalStreamPart, CanonicalUsage, TranslationContext } from '../../canonical/index';
import type { OpenAIResponsesRestore } from './openai-responses-names';

export type BlockKind = 'text' | 'reasoning' | 'tool-call';

/** One canonical block opened for an upstream item (reasoning, function_call) or content part (text). */
export interface DecoderBlock {
  kind: BlockKind;
  index: number;
  open: boolean;
  /** Whether deltas were streamed, so `.done` events do not repeat the whole text. */
  sawDelta: boolean;
  /** Reasoning: summary/content parts that streamed deltas, and whether any text was emitted. */
  partsWithDelta: Set<string>;
  lastPart: string | undefined;
  hasText: boolean;
}

/** Explicit state of one upstream Responses stream (see decode-openai-responses-stream.ts). */
export interface DecoderState {
  context: TranslationContext;
  restore: OpenAIResponsesRestore | undefined;
  started: boolean;
  finished: boolean;
  nextIndex: number;
  /** 'r:<output_index>', 'f:<output_index>' or 't:<output_index>:<content_index>' -> block. */
  blocks: Map<string, DecoderBlock>;
  /** Output indexes the stream showed (so the final response only hydrates the others). */
  seenItems: Set<number>;
  sawToolCall: boolean;
  usage: Partial<CanonicalUsage>;
}

export function createDecoderState(context: TranslationContext, restore: OpenAIResponsesRestore | undefined): DecoderState {
  return { context, restore, started: false, finished: false, nextIndex: 0, blocks: new Map(), seenItems: new Set(), sawToolCall: false, usage: {} };
}

export function textKey(outputIndex: number, contentIndex: number): string {
  return `t:${outputIndex}:${contentIndex}`;
}

/** Opens a block (start part pushed by the caller-specific `start`), or returns the existing one. */
export function openBlock(state: DecoderState, key: string, kind: BlockKind, out: CanonicalStreamPart[], start: (index: number) => CanonicalStreamPart): DecoderBlock {
  const existing = state.blocks.get(key);
  if (existing) return existing;
  const block: DecoderBlock = { kind, index: state.nextIndex, open: true, sawDelta: false, partsWithDelta: new Set(), lastPart: undefined, hasText: false };
  state.nextIndex += 1;
  state.blocks.set(key, block);
  out.push(start(block.index));
  return block;
}

export function closeBlock(block: DecoderBlock, out: CanonicalStreamPart[]): void {
  if (!block.open) return;
  block.open = false;
  out.push({ type: `${block.kind}-end`, index: block.index });
}

/** Every still-open block, in the order they were opened. */
export function closeAllBlocks(state: DecoderState, out: CanonicalStreamPart[]): void {
  const open = [...state.blocks.values()].filter((block) => block.open).sort((a, b) => a.index - b.index);
  for (const block of open) closeBlock(block, out);
}

export function ensureStarted(state: DecoderState, out: CanonicalStreamPart[], response?: { id?: string | undefined; model?: string | undefined; created_at?: number | undefined }): void {
  if (state.started) return;
  state.started = true;
  out.push({
    type: 'response-start',
    id: response?.id ?? state.context.generateId('resp'),
    model: response?.model ?? '',
    created: response?.created_at ?? Math.floor(state.context.now() / 1000),
  });
}
