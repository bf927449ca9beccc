import type { CanonicalStreamPart } from '../../canonical/index';
import { reasoningText } from './decode-openai-responses-output';
import type { UpstreamEvent, UpstreamOutputItem } from './openai-responses-schemas';
import { decodeEncryptedContent } from './openai-responses-signature';
import { closeBlock, openBlock, type DecoderBlock, type DecoderState } from './stream-decoder-state';

/**
 * Reasoning items: one canonical reasoning block per item. Its summary parts (or, for open-weight
 * models, reasoning_text content parts) are paragraphs of that block, joined with a blank line. The
 * `encrypted_content` of `output_item.done` becomes the block's signature, just before it ends.
 */
export function openReasoningBlock(state: DecoderState, outputIndex: number, out: CanonicalStreamPart[]): DecoderBlock {
  state.seenItems.add(outputIndex);
  return openBlock(state, `r:${outputIndex}`, 'reasoning', out, (index) => ({ type: 'reasoning-start', index }));
}

/** Part key: 's<summary_index>' for summary text, 'c<content_index>' for reasoning_text. */
function partKey(event: UpstreamEvent): string {
  return event.type?.startsWith('response.reasoning_text') ? `c${event.content_index ?? 0}` : `s${event.summary_index ?? 0}`;
}

function emitText(block: DecoderBlock, part: string, text: string, out: CanonicalStreamPart[]): void {
  if (!text) return;
  const separator = block.hasText && block.lastPart !== part ? '\n\n' : '';
  block.lastPart = part;
  block.hasText = true;
  out.push({ type: 'reasoning-delta', index: block.index, delta: separator + text });
}

/** reasoning_summary_text.delta and reasoning_text.delta. */
export function handleReasoningDelta(state: DecoderState, event: UpstreamEvent, out: CanonicalStreamPart[]): void {
  const block = openReasoningBlock(state, event.output_index ?? 0, out);
  if (!block.open || !event.delta) return;
  const part = partKey(event);
  block.partsWithDelta.add(part);
  emitText(block, part, event.delta, out);
}

/** reasoning_summary_text.done / reasoning_text.done / summary_part.done: the text, if not streamed. */
export function handleReasoningPartDone(state: DecoderState, event: UpstreamEvent, out: CanonicalStreamPart[]): void {
  const block = openReasoningBlock(state, event.output_index ?? 0, out);
  const part = partKey(event);
  if (!block.open || block.partsWithDelta.has(part)) return;
  block.partsWithDelta.add(part);
  emitText(block, part, event.text ?? event.part?.text ?? '', out);
}

export function closeReasoningItem(state: DecoderState, outputIndex: number, item: UpstreamOutputItem, out: CanonicalStreamPart[]): void {
  const block = openReasoningBlock(state, outputIndex, out);
  if (!block.open) return;
  if (!block.hasText) emitText(block, 'done', reasoningText(item), out);
  if (item.encrypted_content) {
    const decoded = decodeEncryptedContent(item.encrypted_content);
    out.push({ type: 'reasoning-signature', index: block.index, signature: decoded.signature, format: decoded.signatureFormat });
  }
  closeBlock(block, out);
}
