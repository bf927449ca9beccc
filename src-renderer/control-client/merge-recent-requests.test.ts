import { describe, expect, it } from 'vitest';
import { requestSummary } from '../ui/request-summary.fixture';
import { mergeRecentRequests } from './merge-recent-requests';

const request = (id: string, at: number) => requestSummary({ id, at });

describe('mergeRecentRequests', () => {
  it('puts new requests first, keeps each id once and caps the list', () => {
    const known = [request('b', 20), request('a', 10)];
    const merged = mergeRecentRequests(known, [request('c', 30), request('b', 20)], 2);
    expect(merged.map((each) => each.id)).toEqual(['c', 'b']);
  });

  it('orders by arrival even when a slow request finishes after a fast later one', () => {
    const merged = mergeRecentRequests([request('fast', 50)], [request('slow', 40)], 10);
    expect(merged.map((each) => each.id)).toEqual(['fast', 'slow']);
  });
});
