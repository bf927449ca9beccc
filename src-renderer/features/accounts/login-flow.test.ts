import { describe, expect, it } from 'vitest';
import type { LoginStart } from '../../../src-shared/control/account-types';
import { applyProgress, loginProviderOf, type LoginFlow } from './login-flow';

const start: LoginStart = { state: 's1', provider: 'claude', url: 'https://claude.example/authorize', userCode: null, expiresIn: 1800 };
const waiting: LoginFlow = { step: 'waiting', provider: 'claude', start, checkingCallback: false, callbackError: null };

describe('applyProgress', () => {
  it('finishes the waiting login with its email or its error', () => {
    expect(applyProgress(waiting, 's1', { status: 'ok', email: 'a@example.com' })).toEqual({ step: 'done', provider: 'claude', email: 'a@example.com' });
    expect(applyProgress(waiting, 's1', { status: 'error', error: 'state mismatch' })).toEqual({
      step: 'failed',
      provider: 'claude',
      why: 'state mismatch',
      start,
    });
    expect(applyProgress(waiting, 's1', { status: 'wait' })).toBe(waiting);
  });

  it("ignores another login's news and a flow that is not waiting", () => {
    expect(applyProgress(waiting, 'other', { status: 'ok', email: 'b@example.com' })).toBe(waiting);
    const idle: LoginFlow = { step: 'idle' };
    expect(applyProgress(idle, 's1', { status: 'ok', email: 'a@example.com' })).toBe(idle);
  });
});

describe('loginProviderOf', () => {
  it('maps account providers to the login that renews them', () => {
    expect(loginProviderOf('gemini-cli')).toBe('gemini');
    expect(loginProviderOf('claude')).toBe('claude');
    expect(loginProviderOf('openai-compatible')).toBeNull();
  });
});
