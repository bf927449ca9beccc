import type { CanonicalStreamPart } from '../../canonical/index';
import type { OpenAIChatUpstreamToolCall } from './openai-chat-schemas';
import type { ChatDecoderState, ToolCallState } from './openai-chat-stream-state';

/** The legacy streamed `function_call` is one call per turn; it gets a key no `index` can have. */
export const legacyFunctionKey = -1;

/**
 * Which upstream call a `tool_calls[]` delta continues. OpenAI always sends `index`; some compatible
 * servers omit it and send each call whole with its id, or continue the previous call without one.
 */
function toolKey(call: OpenAIChatUpstreamToolCall, state: ChatDecoderState): number {
  if (typeof call.index === 'number') return call.index;
  if (call.id) {
    for (const [key, known] of state.toolCalls) if (known.id === call.id) return key;
    return Math.max(-1, ...state.toolCalls.keys()) + 1;
  }
  return state.lastToolKey ?? 0;
}

/** Opens the canonical block of a call: a name is required, an id is synthesised when missing. */
function startToolCall(call: ToolCallState, state: ChatDecoderState, out: CanonicalStreamPart[]): void {
  const blockIndex = state.nextBlockIndex++;
  call.blockIndex = blockIndex;
  call.id ??= state.context.generateId('call');
  state.sawToolCall = true;
  out.push({ type: 'tool-call-start', index: blockIndex, id: call.id, name: call.name ?? '' });
  if (call.pendingArguments) out.push({ type: 'tool-call-delta', index: blockIndex, argumentsDelta: call.pendingArguments });
  call.pendingArguments = '';
}

/**
 * One fragment of a call. The first fragment normally carries id and name, later ones only argument
 * text (chat reference, streaming "tool_calls" deltas). Fragments for a call that was already closed
 * (text came in between, which no known server does) are dropped.
 */
export function applyToolCallFragment(
  key: number,
  fragment: { id?: string | null | undefined; name?: string | null | undefined; arguments?: string | null | undefined },
  state: ChatDecoderState,
  out: CanonicalStreamPart[],
): void {
  let call = state.toolCalls.get(key);
  if (!call) {
    call = { pendingArguments: '', closed: false };
    state.toolCalls.set(key, call);
  }
  state.lastToolKey = key;
  if (call.closed) return;
  if (fragment.id && call.id === undefined && call.blockIndex === undefined) call.id = fragment.id;
  if (fragment.name && call.name === undefined) call.name = fragment.name;
  const argumentsDelta = fragment.arguments ?? '';
  if (call.blockIndex === undefined) {
    call.pendingArguments += argumentsDelta;
    if (call.name !== undefined) startToolCall(call, state, out);
  } else if (argumentsDelta) {
    out.push({ type: 'tool-call-delta', index: call.blockIndex, argumentsDelta });
  }
}

export function applyToolCallDeltas(calls: readonly OpenAIChatUpstreamToolCall[], state: ChatDecoderState, out: CanonicalStreamPart[]): void {
  for (const call of calls) {
    applyToolCallFragment(toolKey(call, state), { id: call.id, name: call.function?.name, arguments: call.function?.arguments }, state, out);
  }
}

/** At the end: calls that never got a name still open (with an empty name) so their arguments survive. */
export function startNamelessToolCalls(state: ChatDecoderState, out: CanonicalStreamPart[]): void {
  for (const call of state.toolCalls.values()) {
    if (call.blockIndex === undefined && (call.id !== undefined || call.pendingArguments !== '')) startToolCall(call, state, out);
  }
}
