import type { CanonicalStreamPart } from '../../canonical/index';
import { messageTexts } from './decode-openai-responses-output';
import { restoreToolName } from './openai-responses-names';
import { upstreamOutputItemSchema, type UpstreamEvent, type UpstreamOutputItem } from './openai-responses-schemas';
import { closeReasoningItem, noteReasoningItem } from './stream-decoder-reasoning';
import { closeBlock, openBlock, textKey, type DecoderState } from './stream-decoder-state';

/**
 * Handlers for output items, text content parts and function-call arguments
 * (platform.openai.com/docs/api-reference/responses-streaming). Blocks open on `.added` (or lazily on
 * the first delta) and close on `.done`; a `.done` without earlier deltas carries the whole value.
 */
export function parseItem(raw: unknown): UpstreamOutputItem | undefined {
  const parsed = upstreamOutputItemSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

export function handleItemAdded(state: DecoderState, event: UpstreamEvent, out: CanonicalStreamPart[]): void {
  const item = parseItem(event.item);
  const outputIndex = event.output_index ?? state.seenItems.size;
  state.seenItems.add(outputIndex);
  if (item?.type === 'reasoning') noteReasoningItem(state, outputIndex);
  else if (item?.type === 'function_call') openToolCall(state, outputIndex, item, out);
}

export function handleItemDone(state: DecoderState, event: UpstreamEvent, out: CanonicalStreamPart[]): void {
  const item = parseItem(event.item);
  const outputIndex = event.output_index ?? state.seenItems.size;
  state.seenItems.add(outputIndex);
  if (item?.type === 'reasoning') closeReasoningItem(state, outputIndex, item, out);
  else if (item?.type === 'function_call') closeToolCall(state, outputIndex, item, out);
  else if (item?.type === 'message') closeMessage(state, outputIndex, item, out);
}

// ---- text ---------------------------------------------------------------------------------------

function openText(state: DecoderState, event: UpstreamEvent, out: CanonicalStreamPart[]): ReturnType<typeof openBlock> {
  const outputIndex = event.output_index ?? 0;
  state.seenItems.add(outputIndex);
  return openBlock(state, textKey(outputIndex, event.content_index ?? 0), 'text', out, (index) => ({ type: 'text-start', index }));
}

/** content_part.added: output_text and refusal parts both become canonical text. */
export function handleContentPartAdded(state: DecoderState, event: UpstreamEvent, out: CanonicalStreamPart[]): void {
  if (event.part?.type === 'output_text' || event.part?.type === 'refusal') openText(state, event, out);
}

/** output_text.delta and refusal.delta. */
export function handleTextDelta(state: DecoderState, event: UpstreamEvent, out: CanonicalStreamPart[]): void {
  const block = openText(state, event, out);
  if (!block.open || !event.delta) return;
  block.sawDelta = true;
  out.push({ type: 'text-delta', index: block.index, delta: event.delta });
}

/** output_text.done, refusal.done and content_part.done: the full text, then the block ends. */
export function handleTextDone(state: DecoderState, event: UpstreamEvent, out: CanonicalStreamPart[]): void {
  if (event.type === 'response.content_part.done' && event.part?.type !== 'output_text' && event.part?.type !== 'refusal') return;
  const text = event.text ?? event.refusal ?? event.part?.text ?? event.part?.refusal ?? '';
  const existing = state.blocks.get(textKey(event.output_index ?? 0, event.content_index ?? 0));
  if (existing && !existing.open) return;
  const block = existing ?? openText(state, event, out);
  if (!block.sawDelta && text) out.push({ type: 'text-delta', index: block.index, delta: text });
  block.sawDelta = true;
  closeBlock(block, out);
}

/** A message item is done: its open parts end; a message never streamed part by part is emitted whole. */
function closeMessage(state: DecoderState, outputIndex: number, item: UpstreamOutputItem, out: CanonicalStreamPart[]): void {
  const prefix = `t:${outputIndex}:`;
  const blocks = [...state.blocks.entries()].filter(([key]) => key.startsWith(prefix));
  if (blocks.length > 0) {
    for (const [, block] of blocks) closeBlock(block, out);
    return;
  }
  messageTexts(item).forEach((text, contentIndex) => {
    const block = openBlock(state, textKey(outputIndex, contentIndex), 'text', out, (index) => ({ type: 'text-start', index }));
    if (text) out.push({ type: 'text-delta', index: block.index, delta: text });
    closeBlock(block, out);
  });
}

// ---- function calls -----------------------------------------------------------------------------

function openToolCall(state: DecoderState, outputIndex: number, item: UpstreamOutputItem, out: CanonicalStreamPart[]): ReturnType<typeof openBlock> {
  state.sawToolCall = true;
  const id = item.call_id ?? item.id ?? state.context.generateId('call');
  const name = restoreToolName(state.restore, item.name ?? '');
  const block = openBlock(state, `f:${outputIndex}`, 'tool-call', out, (index) => ({ type: 'tool-call-start', index, id, name }));
  if (!block.sawDelta && item.arguments) {
    block.sawDelta = true;
    out.push({ type: 'tool-call-delta', index: block.index, argumentsDelta: item.arguments });
  }
  return block;
}

/** Arguments deltas before the item was announced cannot be attributed; the item's `.done` carries them. */
export function handleArgumentsDelta(state: DecoderState, event: UpstreamEvent, out: CanonicalStreamPart[]): void {
  const block = state.blocks.get(`f:${event.output_index ?? 0}`);
  if (!block?.open || !event.delta) return;
  block.sawDelta = true;
  out.push({ type: 'tool-call-delta', index: block.index, argumentsDelta: event.delta });
}

export function handleArgumentsDone(state: DecoderState, event: UpstreamEvent, out: CanonicalStreamPart[]): void {
  const block = state.blocks.get(`f:${event.output_index ?? 0}`);
  if (!block?.open || block.sawDelta || !event.arguments) return;
  block.sawDelta = true;
  out.push({ type: 'tool-call-delta', index: block.index, argumentsDelta: event.arguments });
}

function closeToolCall(state: DecoderState, outputIndex: number, item: UpstreamOutputItem, out: CanonicalStreamPart[]): void {
  const existing = state.blocks.get(`f:${outputIndex}`);
  if (existing && !existing.open) return;
  const block = existing ?? openToolCall(state, outputIndex, item, out);
  if (!block.sawDelta && item.arguments) out.push({ type: 'tool-call-delta', index: block.index, argumentsDelta: item.arguments });
  block.sawDelta = true;
  closeBlock(block, out);
}
