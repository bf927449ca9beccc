import { describe, expect, it } from 'vitest';
import { requestSummary } from '../../ui/request-summary.fixture';
import { acceptTodayAnswer, countFinishedRequest, currentTodayTotals, noTodayTotals } from './live-today-totals';

const DAY = 1_000_000;
const finished = (id: string, status = 200) => requestSummary({ id, at: DAY + 10, status, inputTokens: 3, outputTokens: 4 });

describe('live today totals', () => {
  it('regression (issue 19): a finished request moves the totals at once, before usage history is read again', () => {
    let state = acceptTodayAnswer(noTodayTotals, { totals: { requests: 5, tokens: 50, errors: 1 }, since: DAY, sentSeq: 0 });
    expect(currentTodayTotals(state, DAY)).toEqual({ requests: 5, tokens: 50, errors: 1 });
    state = countFinishedRequest(state, finished('r1'), 0);
    state = countFinishedRequest(state, finished('r2', 502), 1);
    expect(currentTodayTotals(state, DAY)).toEqual({ requests: 7, tokens: 64, errors: 2 });
  });

  it('an answer covers the events received before its query left, and keeps adding the later ones', () => {
    let state = acceptTodayAnswer(noTodayTotals, { totals: { requests: 0, tokens: 0, errors: 0 }, since: DAY, sentSeq: 0 });
    state = countFinishedRequest(state, finished('r1'), 0);
    // Query sent after r1 (1 event received); r2 arrives while it is under way.
    state = countFinishedRequest(state, finished('r2'), 1);
    state = acceptTodayAnswer(state, { totals: { requests: 1, tokens: 7, errors: 0 }, since: DAY, sentSeq: 1 });
    expect(currentTodayTotals(state, DAY)).toEqual({ requests: 2, tokens: 14, errors: 0 });
    expect(state.events).toHaveLength(1);
  });

  it('ignores an answer older than the one shown, and shows nothing for a day not answered yet', () => {
    const answered = acceptTodayAnswer(noTodayTotals, { totals: { requests: 4, tokens: 0, errors: 0 }, since: DAY, sentSeq: 3 });
    expect(acceptTodayAnswer(answered, { totals: { requests: 1, tokens: 0, errors: 0 }, since: DAY, sentSeq: 2 })).toBe(answered);
    expect(currentTodayTotals(noTodayTotals, DAY)).toBeNull();
    expect(currentTodayTotals(answered, DAY * 2)).toBeNull();
  });
});
