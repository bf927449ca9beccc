import type { CanonicalStreamPart } from '../../canonical/index';
import { outputText, reasoningItem } from './encode-openai-responses-output';
import { customCallInput, toolCallItem } from './openai-responses-custom-tools';
import { clientToolName } from './openai-responses-namespace-tools';
import { encodeEncryptedContent } from './openai-responses-signature';
import { closeMessage, emit, openMessage, sealMessage, type EncoderBlock, type EncoderState } from './stream-encoder-state';

type Part<Type extends CanonicalStreamPart['type']> = Extract<CanonicalStreamPart, { type: Type }>;

/**
 * One handler per canonical block family, each writing the Responses event sequence of the API
 * reference (platform.openai.com/docs/api-reference/responses-streaming) with the item_id /
 * output_index / content_index wiring the SDK's ResponseStream accumulator checks.
 */

// ---- text: message item > output_text content part --------------------------------------------

export function startText(state: EncoderState, part: Part<'text-start'>): string {
  let text = writeHeld(state);
  let message = state.message;
  if (!message) {
    const opened = openMessage(state);
    message = opened.message;
    text += opened.text;
  }
  const contentIndex = message.parts.length;
  message.parts.push(outputText(''));
  message.openParts += 1;
  state.blocks.set(part.index, { kind: 'text', message, contentIndex });
  return text + emit(state, 'response.content_part.added', { item_id: message.itemId, output_index: message.outputIndex, content_index: contentIndex, part: outputText('') });
}

export function textDelta(state: EncoderState, block: Extract<EncoderBlock, { kind: 'text' }>, delta: string): string {
  const { message, contentIndex } = block;
  const content = message.parts[contentIndex];
  if (content) content.text += delta;
  return emit(state, 'response.output_text.delta', { item_id: message.itemId, output_index: message.outputIndex, content_index: contentIndex, delta, logprobs: [] });
}

export function endText(state: EncoderState, block: Extract<EncoderBlock, { kind: 'text' }>): string {
  const { message, contentIndex } = block;
  const full = message.parts[contentIndex]?.text ?? '';
  const ids = { item_id: message.itemId, output_index: message.outputIndex, content_index: contentIndex };
  let text = emit(state, 'response.output_text.done', { ...ids, text: full, logprobs: [] });
  text += emit(state, 'response.content_part.done', { ...ids, part: outputText(full) });
  message.openParts -= 1;
  if (message.sealed && message.openParts === 0) text += closeMessage(state, message, 'completed');
  return text;
}

// ---- reasoning: reasoning item > one summary_text part ----------------------------------------

/** The item is added with its first text (or at its end): a signature-only one may have to be held. */
export function startReasoning(state: EncoderState, part: Part<'reasoning-start'>): string {
  const itemId = state.context.generateId('rs');
  state.blocks.set(part.index, { kind: 'reasoning', itemId, outputIndex: -1, added: false, text: '', partOpen: false, redacted: part.redacted === true });
  return '';
}

function addReasoning(state: EncoderState, block: Extract<EncoderBlock, { kind: 'reasoning' }>): string {
  if (block.added) return '';
  const text = writeHeld(state) + sealMessage(state);
  block.added = true;
  block.outputIndex = state.items.length;
  const item = reasoningItem(block.itemId, '', undefined);
  state.items.push(item);
  return text + emit(state, 'response.output_item.added', { output_index: block.outputIndex, item });
}

/** Held signature-only items, written (added and done) now that another item follows them. */
function writeHeld(state: EncoderState): string {
  if (state.held.length === 0) return '';
  let text = sealMessage(state);
  for (const held of state.held) {
    const item = reasoningItem(held.itemId, '', held.encrypted);
    const outputIndex = state.items.length;
    state.items.push(item);
    text += emit(state, 'response.output_item.added', { output_index: outputIndex, item: reasoningItem(held.itemId, '', undefined) });
    text += emit(state, 'response.output_item.done', { output_index: outputIndex, item });
  }
  state.held = [];
  return text;
}

export function reasoningDelta(state: EncoderState, block: Extract<EncoderBlock, { kind: 'reasoning' }>, delta: string): string {
  if (delta === '' && !block.added) return '';
  let text = addReasoning(state, block);
  const ids = { item_id: block.itemId, output_index: block.outputIndex, summary_index: 0 };
  if (!block.partOpen) {
    block.partOpen = true;
    text += emit(state, 'response.reasoning_summary_part.added', { ...ids, part: { type: 'summary_text', text: '' } });
  }
  block.text += delta;
  return text + emit(state, 'response.reasoning_summary_text.delta', { ...ids, delta });
}

export function reasoningSignature(block: Extract<EncoderBlock, { kind: 'reasoning' }>, part: Part<'reasoning-signature'>): void {
  block.encrypted = encodeEncryptedContent(part.signature, part.format, block.redacted);
}

export function endReasoning(state: EncoderState, block: Extract<EncoderBlock, { kind: 'reasoning' }>): string {
  if (!block.added && !block.redacted) {
    // No text came: a signature-only item waits for a following item; an empty one is left out.
    if (block.encrypted !== undefined) state.held.push({ itemId: block.itemId, encrypted: block.encrypted });
    return '';
  }
  let text = addReasoning(state, block);
  const ids = { item_id: block.itemId, output_index: block.outputIndex, summary_index: 0 };
  if (block.partOpen) {
    text += emit(state, 'response.reasoning_summary_text.done', { ...ids, text: block.text });
    text += emit(state, 'response.reasoning_summary_part.done', { ...ids, part: { type: 'summary_text', text: block.text } });
  }
  const item = reasoningItem(block.itemId, block.text, block.encrypted);
  state.items[block.outputIndex] = item;
  return text + emit(state, 'response.output_item.done', { output_index: block.outputIndex, item });
}

// ---- tool calls: function_call item (custom_tool_call for custom tools, + namespace for namespaced ones)

export function startToolCall(state: EncoderState, part: Part<'tool-call-start'>): string {
  const text = writeHeld(state) + sealMessage(state);
  const custom = state.customToolNames?.has(part.name) === true;
  const itemId = state.context.generateId(custom ? 'ctc' : 'fc');
  const outputIndex = state.items.length;
  const item = toolCallItem({ itemId, callId: part.id }, part.name, '', 'in_progress', state);
  state.items.push(item);
  state.blocks.set(part.index, { kind: 'tool-call', itemId, outputIndex, callId: part.id, name: part.name, args: '', custom });
  return text + emit(state, 'response.output_item.added', { output_index: outputIndex, item });
}

/** Custom calls are JSON `{"input": ...}` in the hub; their raw text is only known at the end. */
export function toolCallDelta(state: EncoderState, block: Extract<EncoderBlock, { kind: 'tool-call' }>, delta: string): string {
  block.args += delta;
  if (block.custom) return '';
  return emit(state, 'response.function_call_arguments.delta', { item_id: block.itemId, output_index: block.outputIndex, delta });
}

export function endToolCall(state: EncoderState, block: Extract<EncoderBlock, { kind: 'tool-call' }>): string {
  const ids = { item_id: block.itemId, output_index: block.outputIndex };
  let text: string;
  if (block.custom) {
    const input = customCallInput(block.args);
    text = emit(state, 'response.custom_tool_call_input.delta', { ...ids, delta: input });
    text += emit(state, 'response.custom_tool_call_input.done', { ...ids, input });
  } else {
    text = emit(state, 'response.function_call_arguments.done', { ...ids, name: clientToolName(state.namespacedToolNames, block.name), arguments: block.args });
  }
  const item = toolCallItem({ itemId: block.itemId, callId: block.callId }, block.name, block.args, 'completed', state);
  state.items[block.outputIndex] = item;
  return text + emit(state, 'response.output_item.done', { output_index: block.outputIndex, item });
}

/** Ends whichever block `block` is (used for explicit *-end parts and when a stream finishes early). */
export function endBlock(state: EncoderState, block: EncoderBlock): string {
  switch (block.kind) {
    case 'text':
      return endText(state, block);
    case 'reasoning':
      return endReasoning(state, block);
    case 'tool-call':
      return endToolCall(state, block);
    default: {
      const unknownBlock: never = block;
      throw new Error(`unknown block ${JSON.stringify(unknownBlock)}`);
    }
  }
}
