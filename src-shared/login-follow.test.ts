import { describe, expect, it } from 'vitest';
import { followedLoginFromHash, followLoginRoute, type FollowedLogin } from './login-follow';

describe('login follow hash', () => {
  it('round-trips a started login and a failed start through the Accounts route', () => {
    const started: FollowedLogin = { kind: 'started', start: { state: 'abc', provider: 'qwen', url: 'https://chat.qwen.ai/authorize?user_code=X&a=b', userCode: 'X-1', expiresIn: 600 } };
    const failed: FollowedLogin = { kind: 'failed', provider: 'claude', why: 'Port 54545 is in use & busy?' };
    for (const followed of [started, failed]) {
      const route = followLoginRoute(followed);
      expect(route.startsWith('/accounts?')).toBe(true);
      expect(followedLoginFromHash(`#${route}`)).toEqual(followed);
    }
  });
  it('ignores other hashes and malformed payloads', () => {
    expect(followedLoginFromHash('#/accounts')).toBeNull();
    expect(followedLoginFromHash('#/usage?follow=%7B%7D')).toBeNull();
    expect(followedLoginFromHash('#/accounts?follow=not-json')).toBeNull();
    expect(followedLoginFromHash(`#/accounts?follow=${encodeURIComponent(JSON.stringify({ kind: 'failed', provider: '', why: 'x' }))}`)).toBeNull();
  });
});
