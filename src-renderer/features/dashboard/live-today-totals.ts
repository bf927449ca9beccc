import type { RequestSummary } from '../../../src-shared/control/usage-types';
import { todayFromRequests, type TodayTotals } from './today-totals';

/**
 * Today's totals that move with every finished request: the last usage.totals answer plus the
 * request.finished events that answer may not have counted. Events carry a sequence number; an answer
 * remembers how many events had arrived when its query was sent. The engine records a request in usage
 * history before it emits the event, so every event received before the query left is in the answer;
 * the later ones are added on top until a newer answer covers them. (An event racing the query may be
 * counted twice for one refresh; the next answer, which that event itself schedules, settles it.)
 */
export interface LiveTodayTotals {
  /** The last answer, for the day starting at `answeredSince`; null before the first. */
  answered: TodayTotals | null;
  answeredSince: number;
  /** Events received when the answered query was sent. */
  answeredSeq: number;
  /** Events from `answeredSeq` on. */
  events: readonly { seq: number; request: RequestSummary }[];
}

/** Events kept while answers fail (a bound, not a count: beyond it the oldest are dropped). */
const MAX_EVENTS = 10_000;

export const noTodayTotals: LiveTodayTotals = { answered: null, answeredSince: 0, answeredSeq: 0, events: [] };

/** A request.finished event, the `seq`-th received. */
export function countFinishedRequest(state: LiveTodayTotals, request: RequestSummary, seq: number): LiveTodayTotals {
  return { ...state, events: [...state.events, { seq, request }].slice(-MAX_EVENTS) };
}

/** A usage.totals answer for the day from `since`, whose query left after `sentSeq` events. Older answers are ignored. */
export function acceptTodayAnswer(state: LiveTodayTotals, answer: { totals: TodayTotals; since: number; sentSeq: number }): LiveTodayTotals {
  const newer = answer.since > state.answeredSince || (answer.since === state.answeredSince && answer.sentSeq >= state.answeredSeq);
  if (!newer) return state;
  return {
    answered: answer.totals,
    answeredSince: answer.since,
    answeredSeq: answer.sentSeq,
    events: state.events.filter((each) => each.seq >= answer.sentSeq),
  };
}

/** What the Today card shows for the day from `since`; null until usage history answered for that day. */
export function currentTodayTotals(state: LiveTodayTotals, since: number): TodayTotals | null {
  if (state.answered === null || state.answeredSince !== since) return null;
  const added = todayFromRequests(
    state.events.map((each) => each.request),
    since,
  );
  return {
    requests: state.answered.requests + added.requests,
    tokens: state.answered.tokens + added.tokens,
    errors: state.answered.errors + added.errors,
  };
}
