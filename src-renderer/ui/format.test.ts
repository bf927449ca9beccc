import { describe, expect, it } from 'vitest';
import { formatDuration, formatRelativeTime, humanizeNumber, startOfDay } from './format';

describe('humanizeNumber', () => {
  it('shortens large numbers with one decimal', () => {
    expect(humanizeNumber(0)).toBe('0');
    expect(humanizeNumber(950)).toBe('950');
    expect(humanizeNumber(1234)).toBe('1.2k');
    expect(humanizeNumber(1000)).toBe('1k');
    expect(humanizeNumber(123_456)).toBe('123k');
    expect(humanizeNumber(3_400_000)).toBe('3.4M');
    expect(humanizeNumber(2_000_000_000)).toBe('2B');
    expect(humanizeNumber(-1500)).toBe('-1.5k');
  });
});

describe('formatDuration', () => {
  it('picks ms, s or min', () => {
    expect(formatDuration(230)).toBe('230 ms');
    expect(formatDuration(1234)).toBe('1.2 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(120_000)).toBe('2 min');
  });
});

describe('formatRelativeTime', () => {
  const now = 1_700_000_000_000;
  it('says past and future in the largest whole unit', () => {
    expect(formatRelativeTime(now - 10_000, now)).toBe('just now');
    expect(formatRelativeTime(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(formatRelativeTime(now - 2.5 * 3_600_000, now)).toBe('2 h ago');
    expect(formatRelativeTime(now + 3 * 86_400_000, now)).toBe('in 3 d');
    expect(formatRelativeTime(now + 50_000, now)).toBe('in 1 min');
  });
});

describe('startOfDay', () => {
  it('is local midnight of the same day', () => {
    const now = new Date(2026, 10, 26, 15, 42, 7).getTime();
    expect(startOfDay(now)).toBe(new Date(2026, 10, 26).getTime());
  });
});
