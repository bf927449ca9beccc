import { describe, expect, it } from 'vitest';
import type { RequestSummary } from '../../../src-shared/control/usage-types';
import { requestSummary } from '../../ui/request-summary.fixture';
import { choicesOf, filterRequests, noFilters } from './filter-requests';

const request = (id: string, status: number, model: string | null, account: string | null): RequestSummary =>
  requestSummary({ id, status, model, upstreamModel: model, account, latencyMs: 1, inputTokens: 0, outputTokens: 0 });

const requests = [
  request('1', 200, 'claude-sonnet-4-6', 'a@example.com'),
  request('2', 429, 'claude-sonnet-4-6', 'b@example.com'),
  request('3', 502, 'gpt-5', 'a@example.com'),
  request('4', 401, null, null),
];
const ids = (list: RequestSummary[]) => list.map((each) => each.id);

describe('filterRequests', () => {
  it('keeps everything without filters', () => {
    expect(ids(filterRequests(requests, noFilters))).toEqual(['1', '2', '3', '4']);
  });

  it('filters by status class, model and account together', () => {
    expect(ids(filterRequests(requests, { ...noFilters, statusClass: '4xx' }))).toEqual(['2', '4']);
    expect(ids(filterRequests(requests, { ...noFilters, model: 'claude-sonnet-4-6' }))).toEqual(['1', '2']);
    expect(ids(filterRequests(requests, { statusClass: '2xx', model: '', account: 'a@example.com' }))).toEqual(['1']);
  });
});

describe('choicesOf', () => {
  it('lists distinct values, sorted, without empty ones', () => {
    expect(choicesOf(requests, 'model')).toEqual(['claude-sonnet-4-6', 'gpt-5']);
    expect(choicesOf(requests, 'account')).toEqual(['a@example.com', 'b@example.com']);
  });
});
