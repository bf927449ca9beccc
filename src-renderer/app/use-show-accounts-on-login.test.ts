import { describe, expect, it } from 'vitest';
import { showAccountsOnLogin } from './use-show-accounts-on-login';

function fakeClient(appSettings: boolean) {
  const listeners: Array<() => void> = [];
  return {
    client: {
      capabilities: { appSettings } as never,
      on: ((event: string, listener: () => void) => {
        if (event === 'login.started') listeners.push(listener);
        return () => listeners.splice(listeners.indexOf(listener), 1);
      }) as never,
    },
    emitLoginStarted: () => listeners.forEach((listener) => listener()),
    listeners,
  };
}

describe('showAccountsOnLogin', () => {
  it('desktop: a login started anywhere (the tray) brings the Accounts page forward; unsubscribes on cleanup', () => {
    const fake = fakeClient(true);
    const location = { hash: '#/usage' };
    const unsubscribe = showAccountsOnLogin(fake.client, location);
    fake.emitLoginStarted();
    expect(location.hash).toBe('#/accounts');
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
