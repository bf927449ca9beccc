import type { CanonicalUsage, TranslationContext } from '../../canonical/index';
import { buildOpenAIResponsesObject, type ResponsesObjectInit } from './build-openai-responses-object';
import { messageItem } from './encode-openai-responses-output';
import type { NamespacedToolNames } from './openai-responses-namespace-tools';
import type { ResponsesEcho, ResponsesItemStatus, ResponsesObject, ResponsesOutputItem, ResponsesOutputText } from './openai-responses-types';

/** The open assistant message item; consecutive text blocks become its content parts. */
export interface MessageState {
  itemId: string;
  outputIndex: number;
  parts: ResponsesOutputText[];
  openParts: number;
  /** A non-text item started after it: no new parts; it closes when its last part ends. */
  sealed: boolean;
}

export type EncoderBlock =
  | { kind: 'text'; message: MessageState; contentIndex: number }
  /** `added`: the item is on the wire (a reasoning item is added with its first text, see HeldSignature). */
  | { kind: 'reasoning'; itemId: string; outputIndex: number; added: boolean; text: string; partOpen: boolean; redacted: boolean; encrypted?: string }
  | { kind: 'tool-call'; itemId: string; outputIndex: number; callId: string; name: string; args: string; custom: boolean };

/**
 * A reasoning item with only `encrypted_content` (the carrier of a Gemini signature): written only when
 * another item follows it. A Gemini stream signs the last part of a text answer after the message is
 * out; written there, it would put an empty reasoning item after the answer. Gemini does not check
 * signatures of answers without function calls (https://ai.google.dev/gemini-api/docs/thought-signatures),
 * so a trailing one is dropped; one before a function_call is kept.
 */
export interface HeldSignature {
  itemId: string;
  encrypted: string;
}

/** Explicit state of one client-facing Responses stream (see encode-openai-responses-stream.ts). */
export interface EncoderState {
  context: TranslationContext;
  model: string;
  echo: ResponsesEcho;
  /** The client's custom tools: their calls stream as custom_tool_call items. */
  customToolNames: ReadonlySet<string> | undefined;
  /** The client's namespaced tools: their calls name the inner tool and its namespace. */
  namespacedToolNames: NamespacedToolNames | undefined;
  sequence: number;
  id: string;
  createdAt: number;
  started: boolean;
  finished: boolean;
  /** Output items by output_index: in-progress copies until their `output_item.done`. */
  items: ResponsesOutputItem[];
  message: MessageState | undefined;
  /** Canonical block index -> what it streams into. */
  blocks: Map<number, EncoderBlock>;
  /** Signature-only reasoning items waiting for a following item (dropped at the end). */
  held: HeldSignature[];
  usage: Partial<CanonicalUsage>;
}

/** One SSE frame; every payload carries a monotonically increasing sequence_number (from 0, like api.openai.com). */
export function emit(state: EncoderState, type: string, payload: Record<string, unknown>): string {
  const data = { type, sequence_number: state.sequence, ...payload };
  state.sequence += 1;
  return `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

export function responseObject(state: EncoderState, init: Pick<ResponsesObjectInit, 'status' | 'usage'> & Partial<ResponsesObjectInit>): ResponsesObject {
  return buildOpenAIResponsesObject({ id: state.id, createdAt: state.createdAt, model: state.model, output: [...state.items], echo: state.echo, ...init });
}

export function openMessage(state: EncoderState): { message: MessageState; text: string } {
  const message: MessageState = { itemId: state.context.generateId('msg'), outputIndex: state.items.length, parts: [], openParts: 0, sealed: false };
  const item = messageItem(message.itemId, [], 'in_progress');
  state.items.push(item);
  state.message = message;
  return { message, text: emit(state, 'response.output_item.added', { output_index: message.outputIndex, item }) };
}

export function closeMessage(state: EncoderState, message: MessageState, status: ResponsesItemStatus): string {
  const item = messageItem(message.itemId, message.parts.map((part) => part.text), status);
  state.items[message.outputIndex] = item;
  if (state.message === message) state.message = undefined;
  return emit(state, 'response.output_item.done', { output_index: message.outputIndex, item });
}

/** Before another item starts: the open message closes now, or as soon as its last part ends. */
export function sealMessage(state: EncoderState): string {
  const message = state.message;
  if (!message) return '';
  if (message.openParts === 0) return closeMessage(state, message, 'completed');
  message.sealed = true;
  state.message = undefined;
  return '';
}
