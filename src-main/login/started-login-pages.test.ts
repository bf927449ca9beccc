import { describe, expect, it } from 'vitest';
import type { LoginStart } from '../../src-shared/control/account-types';
import { isPlainHttpsUrl, loginPageLifetimeMs, trackStartedLoginPages } from './started-login-pages';

function controlStandIn(): { control: Parameters<typeof trackStartedLoginPages>[0]; start(started: LoginStart): void; listening(): boolean } {
  let listener: ((started: LoginStart) => void) | undefined;
  return {
    control: { on: ((event: string, next: (started: LoginStart) => void) => ((listener = event === 'login.started' ? next : listener), () => (listener = undefined))) as never },
    start: (started) => listener?.(started),
    listening: () => listener !== undefined,
  };
}

const started = (url: string, expiresIn: number | null): LoginStart => ({ state: 's', provider: 'kimi', url, userCode: null, expiresIn });

describe('trackStartedLoginPages', () => {
  it("opens exactly the pages of logins the engine started, of any provider, for the login's lifetime", () => {
    let clock = 1_000;
    const stand = controlStandIn();
    const pages = trackStartedLoginPages(stand.control, () => clock);
    const url = 'https://auth.kimi.com/device?user_code=AB-CD';
    expect(pages.has(url)).toBe(false);
    stand.start(started(url, 600));
    expect(pages.has(url)).toBe(true);
    expect(pages.has('https://auth.kimi.com/device?user_code=ZZ-ZZ')).toBe(false);
    clock += 600_000;
    expect(pages.has(url)).toBe(false);
  });

  it('a browser login without a stated lifetime stays openable for 15 minutes', () => {
    let clock = 0;
    const stand = controlStandIn();
    const pages = trackStartedLoginPages(stand.control, () => clock);
    stand.start(started('https://claude.ai/oauth/authorize?state=x', null));
    clock = loginPageLifetimeMs - 1;
    expect(pages.has('https://claude.ai/oauth/authorize?state=x')).toBe(true);
    clock = loginPageLifetimeMs;
    expect(pages.has('https://claude.ai/oauth/authorize?state=x')).toBe(false);
  });

  it('never opens a started URL that is not plain https (a local fake, credentials, a port), and stops listening on dispose', () => {
    const stand = controlStandIn();
    const pages = trackStartedLoginPages(stand.control);
    for (const url of ['http://127.0.0.1:5000/authorize', 'https://user@claude.ai/', 'https://claude.ai:8443/', 'javascript:alert(1)', 'not a url']) {
      stand.start(started(url, 600));
      expect(pages.has(url), url).toBe(false);
    }
    pages.dispose();
    expect(stand.listening()).toBe(false);
  });
});

describe('isPlainHttpsUrl', () => {
  it('https on the default port without user info only', () => {
    expect(isPlainHttpsUrl('https://accounts.google.com/o/oauth2/v2/auth?x=1')).toBe(true);
    for (const url of ['http://claude.ai/oauth', 'https://user@claude.ai/', 'https://claude.ai:8443/', 'file:///etc/passwd', 'not a url']) expect(isPlainHttpsUrl(url), url).toBe(false);
  });
});
