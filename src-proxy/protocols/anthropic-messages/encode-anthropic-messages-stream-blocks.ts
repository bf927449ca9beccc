import type { CanonicalStreamPart, SignatureFormat } from '../../canonical/index';
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
  /**
   * Wire index; undefined until the block is written: a redacted reasoning block is written whole at
   * its end, a thinking block with its first text (see `HeldSignature`).
   */
  wireIndex: number | undefined;
  reasoning: boolean;
  redacted: boolean;
  /** Redacted reasoning: collected until the end, since redacted_thinking carries its data at start. */
  reasoningText: string;
  signature?: { value: string; format: SignatureFormat };
}

/**
 * A thinking block with a signature and no text: the carrier of a Gemini signature (or an empty
 * summary). It is written only when another block follows it. A Gemini stream signs the last part of a
 * text answer, after the text is on the wire; written there, it would end the message with an empty
 * thinking block after the text, and Claude Code takes the last block as the answer. Gemini does not
 * check signatures of answers without function calls (https://ai.google.dev/gemini-api/docs/
 * thought-signatures), so such a trailing one is dropped; one before a tool_use is kept.
 */
interface HeldSignature {
  value: string;
  format: SignatureFormat;
}

export interface BlockWriterState {
  nextWireIndex: number;
  active: ActiveBlock | undefined;
  /** Signature-only thinking blocks waiting for a following block (dropped at the end). */
  held: HeldSignature[];
  /** Blocks started while another was open: their parts so far, in start order. */
  queued: Map<number, BlockPart[]>;
  sawToolUse: boolean;
  /** Called before the first block is written (message_start must come first). */
  beforeFirstBlock: () => string;
}

/** The Anthropic stream's event names (each one the `type` of its data, too). */
export type AnthropicStreamEventType = 'message_start' | 'content_block_start' | 'content_block_delta' | 'content_block_stop' | 'message_delta' | 'message_stop' | 'error';

/**
 * `event: <type>` and `data: {"type":"<type>",...payload}`, as `formatSseEvent` of `{ type, ...payload }`
 * would write it, built around the payload's JSON instead of a merged copy of it (every event of a stream
 * goes through here). JSON.stringify never writes a raw line break, so the data is always one line.
 */
export function event(type: AnthropicStreamEventType, payload: Record<string, unknown>): string {
  const fields = JSON.stringify(payload);
  return `event: ${type}\ndata: {"type":"${type}"${fields === '{}' ? '}' : `,${fields.slice(1)}`}\n\n`;
}

/** A content_block_delta, the per-token event: its fixed part as text, only the value through JSON.stringify. */
function deltaEvent(wireIndex: number, deltaType: DeltaType, field: DeltaField, value: string): string {
  return `event: content_block_delta\ndata: {"type":"content_block_delta","index":${wireIndex},"delta":{"type":"${deltaType}","${field}":${JSON.stringify(value)}}}\n\n`;
}

type DeltaType = 'text_delta' | 'thinking_delta' | 'signature_delta' | 'input_json_delta';
type DeltaField = 'text' | 'thinking' | 'signature' | 'partial_json';

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

/**
 * Finish: close the open block and write every queued one, closing those that never ended. Held
 * signature-only blocks have nothing after them: they are dropped.
 */
export function closeAllBlocks(state: BlockWriterState): string {
  let out = '';
  for (;;) {
    if (state.active) out += endActive(state, state.active) + drainQueue(state);
    else if (state.queued.size > 0) out += drainQueue(state);
    if (state.active === undefined && state.queued.size === 0) {
      state.held = [];
      return out;
    }
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
  const reasoning = part.type === 'reasoning-start';
  const redacted = reasoning && part.redacted === true;
  const active: ActiveBlock = { index: part.index, wireIndex: undefined, reasoning, redacted, reasoningText: '' };
  state.active = active;
  // Thinking waits for its first text (or its end): a signature-only one may have to be held.
  if (reasoning) return '';
  const contentBlock = part.type === 'text-start' ? { type: 'text', text: '' } : { type: 'tool_use', id: part.id, name: part.name, input: {} };
  if (part.type === 'tool-call-start') state.sawToolUse = true;
  return writeBeforeBlock(state) + startOnWire(state, active, contentBlock);
}

/** What goes before any block written now: message_start first, then the held signature blocks. */
function writeBeforeBlock(state: BlockWriterState): string {
  let out = state.beforeFirstBlock();
  const held = state.held;
  state.held = [];
  for (const signature of held) {
    const carrier: ActiveBlock = { index: -1, wireIndex: undefined, reasoning: true, redacted: false, reasoningText: '' };
    out += startOnWire(state, carrier, { type: 'thinking', thinking: '', signature: '' });
    const tagged = encodeClientSignature(signature.value, signature.format);
    out += delta(carrier, 'signature_delta', 'signature', tagged);
    out += event('content_block_stop', { index: carrier.wireIndex ?? 0 });
  }
  return out;
}

function startOnWire(state: BlockWriterState, active: ActiveBlock, contentBlock: Record<string, unknown>): string {
  active.wireIndex = state.nextWireIndex;
  state.nextWireIndex += 1;
  return event('content_block_start', { index: active.wireIndex, content_block: contentBlock });
}

/** A thinking block goes on the wire with its first text. */
function startThinking(state: BlockWriterState, active: ActiveBlock): string {
  if (active.wireIndex !== undefined) return '';
  return writeBeforeBlock(state) + startOnWire(state, active, { type: 'thinking', thinking: '', signature: '' });
}

function writeToActive(state: BlockWriterState, active: ActiveBlock, part: BlockPart): string {
  switch (part.type) {
    case 'text-delta':
      return delta(active, 'text_delta', 'text', part.delta);
    case 'reasoning-delta':
      if (active.redacted) active.reasoningText += part.delta;
      if (active.redacted || part.delta === '') return '';
      return startThinking(state, active) + delta(active, 'thinking_delta', 'thinking', part.delta);
    case 'reasoning-signature':
      if (active.redacted || active.wireIndex === undefined) active.signature = { value: part.signature, format: part.format };
      return active.redacted ? '' : delta(active, 'signature_delta', 'signature', encodeClientSignature(part.signature, part.format), part.signature);
    case 'tool-call-delta':
      return delta(active, 'input_json_delta', 'partial_json', part.argumentsDelta);
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

/** Nothing for empty `content` (what the delta carries, before any tagging) or a block not on the wire yet. */
function delta(active: ActiveBlock, deltaType: DeltaType, field: DeltaField, value: string, content = value): string {
  if (content === '' || active.wireIndex === undefined) return '';
  return deltaEvent(active.wireIndex, deltaType, field, value);
}

function endActive(state: BlockWriterState, active: ActiveBlock): string {
  state.active = undefined;
  if (active.reasoning && !active.redacted && active.wireIndex === undefined) {
    // No text came: a signature-only block waits for a following block; an empty one is left out.
    if (active.signature) state.held.push(active.signature);
    return '';
  }
  const prefix = active.redacted ? writeRedacted(state, active) : lateSignature(active);
  if (active.wireIndex === undefined) return prefix;
  return prefix + event('content_block_stop', { index: active.wireIndex });
}

/** A signature that came before the thinking text goes out last, where Anthropic sends it. */
function lateSignature(active: ActiveBlock): string {
  const signature = active.reasoning ? active.signature : undefined;
  if (!signature) return '';
  const tagged = encodeClientSignature(signature.value, signature.format);
  return delta(active, 'signature_delta', 'signature', tagged);
}

/**
 * Redacted reasoning: Anthropic's own becomes a redacted_thinking block (data at start); another
 * vendor's encrypted-only reasoning becomes a thinking block carrying just its tagged signature.
 */
function writeRedacted(state: BlockWriterState, active: ActiveBlock): string {
  const signature = active.signature;
  if (!signature && active.reasoningText === '') return '';
  const prefix = writeBeforeBlock(state);
  if (signature?.format === 'anthropic') return prefix + startOnWire(state, active, { type: 'redacted_thinking', data: signature.value });
  let out = prefix + startOnWire(state, active, { type: 'thinking', thinking: '', signature: '' });
  out += delta(active, 'thinking_delta', 'thinking', active.reasoningText);
  if (signature) {
    const tagged = encodeClientSignature(signature.value, signature.format);
    out += delta(active, 'signature_delta', 'signature', tagged);
  }
  return out;
}
