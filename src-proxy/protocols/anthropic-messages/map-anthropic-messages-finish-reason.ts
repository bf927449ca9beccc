import type { CanonicalFinish, FinishReason } from '../../canonical/index';
import type { AnthropicStopReason } from './anthropic-messages-types';

/**
 * `stop_reason` <-> canonical finish, following the Messages API reference ("stop_reason" in
 * https://docs.anthropic.com/en/api/messages and the SDK `StopReason` type).
 */
const toCanonical: Record<AnthropicStopReason, FinishReason> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  // The prompt plus output hit the context window: a length limit, not a content decision.
  model_context_window_exceeded: 'length',
  tool_use: 'tool-calls',
  refusal: 'content-filter',
  // A server-tool turn paused for the client to resume: nothing else in the hub means that.
  pause_turn: 'other',
};

function isAnthropicStopReason(value: string): value is AnthropicStopReason {
  return Object.hasOwn(toCanonical, value);
}

/** Upstream `stop_reason` (+ `stop_sequence`) -> canonical; `raw` keeps the vendor value. */
export function mapAnthropicStopReasonToFinish(stopReason: string | null | undefined, stopSequence?: string | null): CanonicalFinish {
  if (stopReason === null || stopReason === undefined || stopReason === '') return { reason: 'other' };
  const reason = isAnthropicStopReason(stopReason) ? toCanonical[stopReason] : 'other';
  const finish: CanonicalFinish = { reason, raw: stopReason };
  if (typeof stopSequence === 'string') finish.stopSequence = stopSequence;
  return finish;
}

/**
 * Canonical finish -> `stop_reason` + `stop_sequence`. A raw Anthropic value that maps back to the same
 * canonical reason is kept (so pause_turn / model_context_window_exceeded survive a round trip).
 */
export function mapFinishToAnthropicStopReason(finish: CanonicalFinish): { stopReason: AnthropicStopReason; stopSequence: string | null } {
  const stopSequence = finish.reason === 'stop' && finish.stopSequence !== undefined ? finish.stopSequence : null;
  if (stopSequence !== null) return { stopReason: 'stop_sequence', stopSequence };
  const raw = finish.raw;
  if (raw !== undefined && raw !== 'stop_sequence' && isAnthropicStopReason(raw) && toCanonical[raw] === finish.reason) {
    return { stopReason: raw, stopSequence: null };
  }
  return { stopReason: stopReasonFor(finish.reason), stopSequence: null };
}

function stopReasonFor(reason: FinishReason): AnthropicStopReason {
  switch (reason) {
    case 'stop':
      return 'end_turn';
    case 'length':
      return 'max_tokens';
    case 'tool-calls':
      return 'tool_use';
    case 'content-filter':
      return 'refusal';
    case 'error':
    case 'other':
      // Anthropic has no "error"/"other" stop reason; the turn simply ended.
      return 'end_turn';
    default: {
      const unknownReason: never = reason;
      throw new Error(`unknown finish reason ${String(unknownReason)}`);
    }
  }
}
