import type { CanonicalStreamPart, TranslationContext } from '../../canonical/index';
import type { OpenAIChatUpstreamUsage } from './openai-chat-schemas';

/** One upstream tool call, keyed by its chat `index`; its canonical block opens once the name is known. */
export interface ToolCallState {
  id?: string;
  name?: string;
  blockIndex?: number;
  /** Arguments that arrived before the block could open. */
  pendingArguments: string;
  closed: boolean;
}

/** Everything the chat stream decoder remembers between SSE events. */
export interface ChatDecoderState {
  context: TranslationContext;
  started: boolean;
  /** A terminal part (finish or error) was emitted; later events are ignored. */
  terminated: boolean;
  nextBlockIndex: number;
  textBlock?: number;
  reasoningBlock?: number;
  toolCalls: Map<number, ToolCallState>;
  lastToolKey?: number;
  sawToolCall: boolean;
  finishReason?: string;
  usage?: OpenAIChatUpstreamUsage;
}

export function createChatDecoderState(context: TranslationContext): ChatDecoderState {
  return { context, started: false, terminated: false, nextBlockIndex: 0, toolCalls: new Map(), sawToolCall: false };
}

export function closeText(state: ChatDecoderState, out: CanonicalStreamPart[]): void {
  if (state.textBlock === undefined) return;
  out.push({ type: 'text-end', index: state.textBlock });
  state.textBlock = undefined;
}

export function closeReasoning(state: ChatDecoderState, out: CanonicalStreamPart[]): void {
  if (state.reasoningBlock === undefined) return;
  out.push({ type: 'reasoning-end', index: state.reasoningBlock });
  state.reasoningBlock = undefined;
}

/** Closes every started tool call, in upstream index order. */
export function closeToolCalls(state: ChatDecoderState, out: CanonicalStreamPart[]): void {
  const keys = [...state.toolCalls.keys()].sort((a, b) => a - b);
  for (const key of keys) {
    const call = state.toolCalls.get(key);
    if (call && call.blockIndex !== undefined && !call.closed) {
      out.push({ type: 'tool-call-end', index: call.blockIndex });
      call.closed = true;
    }
  }
}

export function closeAllBlocks(state: ChatDecoderState, out: CanonicalStreamPart[]): void {
  closeReasoning(state, out);
  closeText(state, out);
  closeToolCalls(state, out);
}
