import { describe, expect, it } from 'vitest';
import type { LoginStart } from '../../../src-shared/control/account-types';
import { adoptStartedLogin, applyProgress, flowOfFollowedLogin, loginLabel, type LoginFlow } from './login-flow';

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

describe('loginLabel', () => {
  it("names a login with the engine's label, or by its name before the engine answered", () => {
    const offers = [{ provider: 'gemini', label: 'Gemini', flow: 'browser' as const }];
    expect(loginLabel(offers, 'gemini')).toBe('Gemini');
    expect(loginLabel([], 'gemini')).toBe('gemini');
  });
});

describe('adoptStartedLogin', () => {
  const started = { state: 'tray-1', provider: 'codex' as const, url: 'https://auth.openai.com/oauth/authorize?x=1', userCode: null, expiresIn: 1800 };

  it('follows a login started elsewhere when this page shows none, or only a finished one', () => {
    for (const flow of [{ step: 'idle' as const }, { step: 'done' as const, provider: 'claude' as const, email: 'a@example.com' }]) {
      expect(adoptStartedLogin(flow, started)).toEqual({ step: 'waiting', provider: 'codex', start: started, checkingCallback: false, callbackError: null });
    }
  });

  it('keeps the login this page is starting or waiting for', () => {
    const starting: LoginFlow = { step: 'starting', provider: 'claude' };
    expect(adoptStartedLogin(starting, started)).toBe(starting);
    expect(adoptStartedLogin(waiting, started)).toBe(waiting);
  });
});

describe('flowOfFollowedLogin', () => {
  it('login started from the tray before the Accounts page existed: the page opens waiting on it (URL, device code, paste fallback)', () => {
    expect(flowOfFollowedLogin({ kind: 'started', start })).toEqual(waiting);
  });
  it('login that failed to start from the tray: the page opens showing why', () => {
    expect(flowOfFollowedLogin({ kind: 'failed', provider: 'codex', why: 'Port 1455 is in use.' })).toEqual({ step: 'failed', provider: 'codex', why: 'Port 1455 is in use.', start: null });
  });
  it('no followed login: idle', () => {
    expect(flowOfFollowedLogin(null)).toEqual({ step: 'idle' });
  });
});
