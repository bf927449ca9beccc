import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOAuthServer, type FakeOAuthServer } from '../../test/fakes/fake-oauth-server';
import { AuthStore } from '../auth-store/auth-store';
import { resolveClaudeOAuthEndpoints } from '../providers/claude/claude-oauth-endpoints';
import { LoginSessions } from './login-sessions';
import { providerByAuthFileType } from '../providers/registry';

describe('LoginSessions', () => {
  let folder: string;
  let oauth: FakeOAuthServer;
  let sessions: LoginSessions;
  let store: AuthStore;

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'login-sessions-'));
    oauth = await startFakeOAuthServer();
    store = new AuthStore(folder, { providerByType: providerByAuthFileType });
    const claudeEndpoints = resolveClaudeOAuthEndpoints({ authorizeUrl: oauth.authorizeUrl, tokenUrl: oauth.tokenUrl, profileUrl: oauth.profileUrl }, {});
    sessions = new LoginSessions({ store, claudeEndpoints, callbackPort: 0 });
  });
  afterEach(async () => {
    sessions.close();
    await oauth.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('starts a Claude login, waits, completes through the browser callback and reports ok', async () => {
    const { url, state } = await sessions.start('anthropic');
    expect(state).toMatch(/^[0-9a-f]{32}$/);
    expect(sessions.status(state)).toEqual({ status: 'wait' });
    await fetch(oauth.approve(url, { email: 'ui@example.com' }).replace('localhost', '127.0.0.1'), { redirect: 'manual' });
    await expect.poll(() => sessions.status(state)).toEqual({ status: 'ok', email: 'ui@example.com', accountId: 'claude-ui@example.com.json' });
    expect(store.get('claude-ui@example.com.json')?.email).toBe('ui@example.com');
    expect(sessions.submitCallback({ state, redirectUrl: 'http://localhost/callback?code=x' })).toMatchObject({ ok: false, httpStatus: 409 });
  });

  it('takes a pasted callback, and answers 400/404 like CPA for bad or unknown states', async () => {
    const { url, state } = await sessions.start('claude');
    expect(sessions.submitCallback({ state: '../etc' })).toMatchObject({ httpStatus: 400 });
    expect(sessions.submitCallback({ state: 'f'.repeat(32) })).toMatchObject({ httpStatus: 404 });
    expect(sessions.submitCallback({ state, redirectUrl: 'http://localhost:54545/callback?code=x&state=other' })).toMatchObject({ httpStatus: 400 });
    expect(sessions.submitCallback({ state, redirectUrl: oauth.approve(url, { email: 'pasted@example.com' }) })).toEqual({ ok: true });
    await expect.poll(() => sessions.status(state)).toMatchObject({ status: 'ok', email: 'pasted@example.com' });
  });

  it('cancels, reports errors and unknown states, and refuses providers it cannot log in yet', async () => {
    const { state } = await sessions.start('claude');
    expect(sessions.cancel(state)).toBe(true);
    await expect.poll(() => sessions.status(state)).toEqual({ status: 'error', error: 'Login cancelled' });
    expect(sessions.status('nope')).toMatchObject({ status: 'error' });
    await expect(sessions.start('qwen')).rejects.toThrow('not supported');
  });
});
