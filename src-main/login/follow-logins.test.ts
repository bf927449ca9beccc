import { describe, expect, it } from 'vitest';
import type { LoginStart } from '../../src-shared/control/account-types';
import type { FollowedLogin } from '../../src-shared/login-follow';
import { followLogins, startLoginFromTray } from './follow-logins';

const start: LoginStart = { state: 's', provider: 'claude', url: 'https://claude.ai/oauth/authorize?x=1', userCode: null, expiresIn: 1800 };

describe('followLogins', () => {
  it('login started by any route is followed on the Accounts page', () => {
    const shown: FollowedLogin[] = [];
    let listener: ((started: LoginStart) => void) | undefined;
    const unsubscribe = followLogins({
      control: { on: ((event: string, next: (started: LoginStart) => void) => ((listener = event === 'login.started' ? next : listener), () => (listener = undefined))) as never },
      showLogin: (followed) => shown.push(followed),
    });
    listener?.(start);
    expect(shown).toEqual([{ kind: 'started', start }]);
    unsubscribe();
    expect(listener).toBeUndefined();
  });
});

describe('startLoginFromTray', () => {
  it("opens the engine's https login page in the browser, never a non-https one", async () => {
    const opened: string[] = [];
    const control = { invoke: (async () => start) as never };
    expect(await startLoginFromTray('claude', { control, openExternal: async (url) => void opened.push(url), showLogin: () => undefined })).toEqual({ opened: true });
    const local = { invoke: (async () => ({ ...start, url: 'http://127.0.0.1:9/authorize' })) as never };
    expect(await startLoginFromTray('claude', { control: local, openExternal: async (url) => void opened.push(url), showLogin: () => undefined })).toEqual({ opened: false });
    expect(opened).toEqual([start.url]);
  });
  it('tray login whose start failed showed nothing: the Accounts page shows why', async () => {
    const shown: FollowedLogin[] = [];
    const control = { invoke: (async () => Promise.reject(new Error('Port 54545 is in use.'))) as never };
    expect(await startLoginFromTray('claude', { control, openExternal: async () => undefined, showLogin: (followed) => shown.push(followed) })).toEqual({ opened: false });
    expect(shown).toEqual([{ kind: 'failed', provider: 'claude', why: 'Port 54545 is in use.' }]);
  });
});
