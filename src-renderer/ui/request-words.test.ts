import { describe, expect, it } from 'vitest';
import { statusClassOf, statusToneOf } from './request-words';

describe('request status words', () => {
  it('classes and colours HTTP statuses', () => {
    expect(statusClassOf(200)).toBe('2xx');
    expect(statusClassOf(429)).toBe('4xx');
    expect(statusClassOf(502)).toBe('5xx');
    expect(statusClassOf(0)).toBe('5xx');
    expect(statusToneOf(201)).toBe('ok');
    expect(statusToneOf(429)).toBe('busy');
    expect(statusToneOf(500)).toBe('error');
  });
});
