import { describe, expect, it, vi } from 'vitest';
import { startLoginFromTray } from './start-login-from-tray';

function deps(url: string) {
  return {
    control: { invoke: vi.fn(async () => ({ state: 's1', provider: 'claude', url, userCode: null, expiresIn: null })) },
    openExternal: vi.fn(async () => undefined),
    showAccounts: vi.fn(),
  };
}

describe('startLoginFromTray', () => {
  it("starts the login, opens the provider's page and shows Accounts", async () => {
    const d = deps('https://claude.ai/oauth/authorize?state=s1');
    expect(await startLoginFromTray('claude', d as never)).toEqual({ opened: true });
    expect(d.control.invoke).toHaveBeenCalledWith('login.start', { provider: 'claude' });
    expect(d.openExternal).toHaveBeenCalledWith('https://claude.ai/oauth/authorize?state=s1');
    expect(d.showAccounts).toHaveBeenCalled();
  });

  it('never opens a URL outside the allowlist; the dashboard shows it to copy instead', async () => {
    const d = deps('http://127.0.0.1:9/authorize');
    expect(await startLoginFromTray('claude', d as never)).toEqual({ opened: false });
    expect(d.openExternal).not.toHaveBeenCalled();
    expect(d.showAccounts).toHaveBeenCalled();
  });
});
