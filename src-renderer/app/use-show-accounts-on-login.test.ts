import { describe, expect, it } from 'vitest';
import type { LoginStart } from '../../src-shared/control/account-types';
import { followedLoginFromHash } from '../../src-shared/login-follow';
import { showAccountsOnLogin } from './use-show-accounts-on-login';

const start: LoginStart = { state: 's1', provider: 'qwen', url: 'https://chat.qwen.ai/authorize?user_code=AB-12', userCode: 'AB-12', expiresIn: 600 };

function fakeClient(appSettings: boolean) {
  const listeners: Array<(started: LoginStart) => void> = [];
  return {
    client: {
      capabilities: { appSettings } as never,
      on: ((event: string, listener: (started: LoginStart) => void) => {
        if (event === 'login.started') listeners.push(listener);
        return () => listeners.splice(listeners.indexOf(listener), 1);
      }) as never,
    },
    emitLoginStarted: () => listeners.forEach((listener) => listener(start)),
    listeners,
  };
}

describe('showAccountsOnLogin', () => {
  it('desktop: a login started anywhere (the tray) brings the Accounts page forward, carrying the login for a page not yet listening; unsubscribes on cleanup', () => {
    const fake = fakeClient(true);
    const location = { hash: '#/usage' };
    const unsubscribe = showAccountsOnLogin(fake.client, location);
    fake.emitLoginStarted();
    expect(location.hash.startsWith('#/accounts?follow=')).toBe(true);
    expect(followedLoginFromHash(location.hash)).toEqual({ kind: 'started', start });
    unsubscribe?.();
    expect(fake.listeners).toHaveLength(0);
  });

  it('browser panel: stays on the page the user is on', () => {
    const fake = fakeClient(false);
    const location = { hash: '#/usage' };
    expect(showAccountsOnLogin(fake.client, location)).toBeUndefined();
    fake.emitLoginStarted();
    expect(location.hash).toBe('#/usage');
  });
});
