import type { CanonicalStreamPart } from '../../canonical/index';
import { reasoningText } from './decode-openai-responses-output';
import type { UpstreamEvent, UpstreamOutputItem } from './openai-responses-schemas';
import { decodeEncryptedContent } from './openai-responses-signature';
import { closeBlock, openBlock, type DecoderBlock, type DecoderState } from './stream-decoder-state';

/**
 * Reasoning items: one canonical reasoning block per item. Its summary parts (or, for open-weight
 * models, reasoning_text content parts) are paragraphs of that block, joined with a blank line. The
 * `encrypted_content` of `output_item.done` becomes the block's signature, just before it ends.
 *
 * The block opens lazily, with its first text or its signature: a reasoning item that ends with neither
 * (gpt-5's default, no `reasoning.summary` and no `include`) carries nothing and yields no block at all,
 * so clients never see empty reasoning and the block indexes stay dense.
 */
export function noteReasoningItem(state: DecoderState, outputIndex: number): void {
  state.seenItems.add(outputIndex);
}

function reasoningKey(outputIndex: number): string {
  return `r:${outputIndex}`;
}

function openReasoningBlock(state: DecoderState, outputIndex: number, out: CanonicalStreamPart[]): DecoderBlock {
  noteReasoningItem(state, outputIndex);
  return openBlock(state, reasoningKey(outputIndex), 'reasoning', out, (index) => ({ type: 'reasoning-start', index }));
}

/** Part key: 's<summary_index>' for summary text, 'c<content_index>' for reasoning_text. */
function partKey(event: UpstreamEvent): string {
  return event.type?.startsWith('response.reasoning_text') ? `c${event.content_index ?? 0}` : `s${event.summary_index ?? 0}`;
}

/** Emits non-empty text, opening the item's block first if this is its first content. */
function emitText(state: DecoderState, outputIndex: number, part: string, text: string, out: CanonicalStreamPart[]): void {
  if (!text) return;
  const block = openReasoningBlock(state, outputIndex, out);
  if (!block.open) return;
  const separator = block.hasText && block.lastPart !== part ? '\n\n' : '';
  block.lastPart = part;
  block.hasText = true;
  out.push({ type: 'reasoning-delta', index: block.index, delta: separator + text });
}

/** reasoning_summary_text.delta and reasoning_text.delta. */
export function handleReasoningDelta(state: DecoderState, event: UpstreamEvent, out: CanonicalStreamPart[]): void {
  const outputIndex = event.output_index ?? 0;
  noteReasoningItem(state, outputIndex);
  const block = state.blocks.get(reasoningKey(outputIndex));
  if ((block && !block.open) || !event.delta) return;
  const part = partKey(event);
  emitText(state, outputIndex, part, event.delta, out);
  state.blocks.get(reasoningKey(outputIndex))?.partsWithDelta.add(part);
}

/** reasoning_summary_text.done / reasoning_text.done / summary_part.done: the text, if not streamed. */
export function handleReasoningPartDone(state: DecoderState, event: UpstreamEvent, out: CanonicalStreamPart[]): void {
  const outputIndex = event.output_index ?? 0;
  noteReasoningItem(state, outputIndex);
  const block = state.blocks.get(reasoningKey(outputIndex));
  const part = partKey(event);
  if (block && (!block.open || block.partsWithDelta.has(part))) return;
  emitText(state, outputIndex, part, event.text ?? event.part?.text ?? '', out);
  state.blocks.get(reasoningKey(outputIndex))?.partsWithDelta.add(part);
}

/** output_item.done: text never streamed, then the signature; an item with neither opens no block. */
export function closeReasoningItem(state: DecoderState, outputIndex: number, item: UpstreamOutputItem, out: CanonicalStreamPart[]): void {
  noteReasoningItem(state, outputIndex);
  const existing = state.blocks.get(reasoningKey(outputIndex));
  if (existing && !existing.open) return;
  if (!existing?.hasText) emitText(state, outputIndex, 'done', reasoningText(item), out);
  const signature = item.encrypted_content ? decodeEncryptedContent(item.encrypted_content) : undefined;
  const block = signature ? openReasoningBlock(state, outputIndex, out) : state.blocks.get(reasoningKey(outputIndex));
  if (!block) return;
  if (signature) out.push({ type: 'reasoning-signature', index: block.index, signature: signature.signature, format: signature.signatureFormat });
  closeBlock(block, out);
}
