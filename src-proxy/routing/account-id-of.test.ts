import { describe, expect, it } from 'vitest';
import { accountIdOf } from './account-id-of';

describe('accountIdOf', () => {
  it('an auth file\'s credentials (one per Gemini project) belong to the file; a config entry is its own account', () => {
    expect(accountIdOf('auth:claude-a@example.com.json')).toBe('claude-a@example.com.json');
    expect(accountIdOf('auth:gemini-a@example.com.json::project-2')).toBe('gemini-a@example.com.json');
    expect(accountIdOf('claude-api-key:1a2b3c')).toBe('claude-api-key:1a2b3c');
  });
});
