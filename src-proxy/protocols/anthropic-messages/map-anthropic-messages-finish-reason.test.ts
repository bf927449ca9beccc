import { describe, expect, it } from 'vitest';
import type { CanonicalFinish } from '../../canonical/index';
import { mapAnthropicStopReasonToFinish, mapFinishToAnthropicStopReason } from './map-anthropic-messages-finish-reason';

describe('mapAnthropicStopReasonToFinish (every Anthropic stop_reason)', () => {
  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['max_tokens', 'length'],
    ['model_context_window_exceeded', 'length'],
    ['tool_use', 'tool-calls'],
    ['refusal', 'content-filter'],
    ['pause_turn', 'other'],
    ['something_new', 'other'],
  ])('%s -> %s', (stopReason, reason) => {
    expect(mapAnthropicStopReasonToFinish(stopReason)).toEqual({ reason, raw: stopReason });
  });

  it('keeps the matched stop sequence and treats a missing reason as other', () => {
    expect(mapAnthropicStopReasonToFinish('stop_sequence', '\nEND')).toEqual({ reason: 'stop', raw: 'stop_sequence', stopSequence: '\nEND' });
    expect(mapAnthropicStopReasonToFinish(null)).toEqual({ reason: 'other' });
    expect(mapAnthropicStopReasonToFinish(undefined, null)).toEqual({ reason: 'other' });
  });
});

describe('mapFinishToAnthropicStopReason (every canonical reason)', () => {
  it.each<[CanonicalFinish, string, string | null]>([
    [{ reason: 'stop' }, 'end_turn', null],
    [{ reason: 'stop', stopSequence: 'END' }, 'stop_sequence', 'END'],
    [{ reason: 'length' }, 'max_tokens', null],
    [{ reason: 'tool-calls' }, 'tool_use', null],
    [{ reason: 'content-filter' }, 'refusal', null],
    [{ reason: 'error' }, 'end_turn', null],
    [{ reason: 'other' }, 'end_turn', null],
    // Raw Anthropic values survive when they mean the same canonical reason.
    [{ reason: 'other', raw: 'pause_turn' }, 'pause_turn', null],
    [{ reason: 'length', raw: 'model_context_window_exceeded' }, 'model_context_window_exceeded', null],
    // Raw values of other wires are ignored.
    [{ reason: 'stop', raw: 'STOP' }, 'end_turn', null],
    [{ reason: 'length', raw: 'end_turn' }, 'max_tokens', null],
    [{ reason: 'stop', raw: 'stop_sequence' }, 'end_turn', null],
  ])('%j -> %s', (finish, stopReason, stopSequence) => {
    expect(mapFinishToAnthropicStopReason(finish)).toEqual({ stopReason, stopSequence });
  });
});
