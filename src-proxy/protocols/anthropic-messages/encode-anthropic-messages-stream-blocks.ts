import type { CanonicalStreamPart, SignatureFormat } from '../../canonical/index';
import { formatSseEvent } from '../../sse/sse-event';
import { encodeClientSignature } from './anthropic-thinking-signature';

/**
 * Content blocks on the Anthropic wire. Anthropic streams ONE block at a time, with `index` equal to
 * the block's position in `content` (the SDK applies deltas with `content.at(index)`). Canonical blocks
 * may interleave (parallel OpenAI tool calls), so a block that starts while another is open is queued
 * and replayed, in start order, once the open one ends. Wire indexes are assigned when a block is
 * actually written: 0, 1, 2...
 */
export type BlockPart = Extract<CanonicalStreamPart, { index: number }>;
type StartPart = Extract<BlockPart, { type: 'text-start' | 'reasoning-start' | 'tool-call-start' }>;

interface ActiveBlock {
  index: number;
  /** Wire index; undefined for a redacted reasoning block, written whole at its end. */
  wireIndex: number | undefined;
  redacted: boolean;
  /** Redacted reasoning: collected until the end, since redacted_thinking carries its data at start. */
  reasoningText: string;
  signature?: { value: string; format: SignatureFormat };
}

export interface BlockWriterState {
  nextWireIndex: number;
  active: ActiveBlock | undefined;
  /** Blocks started while another was open: their parts so far, in start order. */
  queued: Map<number, BlockPart[]>;
  sawToolUse: boolean;
  /** Called before the first block is written (message_start must come first). */
  beforeFirstBlock: () => string;
}

export function event(type: string, payload: Record<string, unknown>): string {
  return formatSseEvent({ event: type, data: JSON.stringify({ type, ...payload }) });
}

export function writeBlockStart(state: BlockWriterState, part: StartPart): string {
  if (state.active !== undefined || state.queued.size > 0) {
    if (!state.queued.has(part.index)) state.queued.set(part.index, [part]);
    return '';
  }
  return openBlock(state, part);
}

/** A delta, signature or end for some block: written if it is the open one, queued if it waits. */
export function writeBlockPart(state: BlockWriterState, part: BlockPart): string {
  if (state.active?.index === part.index) {
    const out = writeToActive(state, state.active, part);
    return state.active === undefined ? out + drainQueue(state) : out;
  }
  state.queued.get(part.index)?.push(part);
  return '';
}

/** Finish: close the open block and write every queued one, closing those that never ended. */
export function closeAllBlocks(state: BlockWriterState): string {
  let out = '';
  for (;;) {
    if (state.active) out += endActive(state, state.active) + drainQueue(state);
    else if (state.queued.size > 0) out += drainQueue(state);
    if (state.active === undefined && state.queued.size === 0) return out;
  }
}

function drainQueue(state: BlockWriterState): string {
  let out = '';
  while (state.active === undefined) {
    const next = state.queued.entries().next();
    if (next.done) break;
    const [index, parts] = next.value;
    state.queued.delete(index);
    for (const part of parts) {
      if (part.type === 'text-start' || part.type === 'reasoning-start' || part.type === 'tool-call-start') {
        out += openBlock(state, part);
        continue;
      }
      // Read through a function: TypeScript keeps the loop condition's narrowing of `state.active`.
      const active = activeBlock(state);
      if (active?.index === index) out += writeToActive(state, active, part);
    }
  }
  return out;
}

function activeBlock(state: BlockWriterState): ActiveBlock | undefined {
  return state.active;
}

function openBlock(state: BlockWriterState, part: StartPart): string {
  const redacted = part.type === 'reasoning-start' && part.redacted === true;
  const active: ActiveBlock = { index: part.index, wireIndex: undefined, redacted, reasoningText: '' };
  state.active = active;
  if (redacted) return '';
  const prefix = state.beforeFirstBlock();
  const contentBlock =
    part.type === 'text-start'
      ? { type: 'text', text: '' }
      : part.type === 'reasoning-start'
        ? { type: 'thinking', thinking: '', signature: '' }
        : { type: 'tool_use', id: part.id, name: part.name, input: {} };
  if (part.type === 'tool-call-start') state.sawToolUse = true;
  return prefix + startOnWire(state, active, contentBlock);
}

function startOnWire(state: BlockWriterState, active: ActiveBlock, contentBlock: Record<string, unknown>): string {
  active.wireIndex = state.nextWireIndex;
  state.nextWireIndex += 1;
  return event('content_block_start', { index: active.wireIndex, content_block: contentBlock });
}

function writeToActive(state: BlockWriterState, active: ActiveBlock, part: BlockPart): string {
  switch (part.type) {
    case 'text-delta':
      return delta(active, { type: 'text_delta', text: part.delta }, part.delta);
    case 'reasoning-delta':
      if (active.redacted) active.reasoningText += part.delta;
      return active.redacted ? '' : delta(active, { type: 'thinking_delta', thinking: part.delta }, part.delta);
    case 'reasoning-signature':
      if (active.redacted) active.signature = { value: part.signature, format: part.format };
      return active.redacted ? '' : delta(active, { type: 'signature_delta', signature: encodeClientSignature(part.signature, part.format) }, part.signature);
    case 'tool-call-delta':
      return delta(active, { type: 'input_json_delta', partial_json: part.argumentsDelta }, part.argumentsDelta);
    case 'text-end':
    case 'reasoning-end':
    case 'tool-call-end':
      return endActive(state, active);
    case 'text-start':
    case 'reasoning-start':
    case 'tool-call-start':
      return '';
    default: {
      const unknownPart: never = part;
      throw new Error(`unknown block part ${JSON.stringify(unknownPart)}`);
    }
  }
}

function delta(active: ActiveBlock, body: Record<string, unknown>, content: string): string {
  if (content === '' || active.wireIndex === undefined) return '';
  return event('content_block_delta', { index: active.wireIndex, delta: body });
}

function endActive(state: BlockWriterState, active: ActiveBlock): string {
  state.active = undefined;
  const prefix = active.redacted ? writeRedacted(state, active) : '';
  if (active.wireIndex === undefined) return prefix;
  return prefix + event('content_block_stop', { index: active.wireIndex });
}

/**
 * Redacted reasoning: Anthropic's own becomes a redacted_thinking block (data at start); another
 * vendor's encrypted-only reasoning becomes a thinking block carrying just its tagged signature.
 */
function writeRedacted(state: BlockWriterState, active: ActiveBlock): string {
  const signature = active.signature;
  if (!signature && active.reasoningText === '') return '';
  const prefix = state.beforeFirstBlock();
  if (signature?.format === 'anthropic') return prefix + startOnWire(state, active, { type: 'redacted_thinking', data: signature.value });
  let out = prefix + startOnWire(state, active, { type: 'thinking', thinking: '', signature: '' });
  out += delta(active, { type: 'thinking_delta', thinking: active.reasoningText }, active.reasoningText);
  if (signature) {
    const tagged = encodeClientSignature(signature.value, signature.format);
    out += delta(active, { type: 'signature_delta', signature: tagged }, tagged);
  }
  return out;
}
