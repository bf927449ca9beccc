import { describe, expect, it } from 'vitest';
import { pathOfHash } from './use-hash-route';

describe('pathOfHash', () => {
  it('takes the page name from the hash', () => {
    expect(pathOfHash('#/accounts')).toBe('accounts');
    expect(pathOfHash('#logs')).toBe('logs');
    expect(pathOfHash('#/logs/123?x=1')).toBe('logs');
    expect(pathOfHash('')).toBe('');
  });
});
