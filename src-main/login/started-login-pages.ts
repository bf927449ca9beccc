import type { ControlApi } from '../../src-shared/control-contract';

/** How long a started login's page may be opened when the engine states no lifetime (browser flows). */
export const loginPageLifetimeMs = 15 * 60_000;

export interface StartedLoginPages {
  /** Whether `url` is the page of a login the engine started and that has not expired: the only login pages main opens. */
  has(url: string): boolean;
  dispose(): void;
}

/**
 * The login pages main may open in the system browser: exactly the URLs the engine gave for the logins it
 * started (`login.started`, whoever started them), https only, for the login's lifetime. No host table: a
 * provider added to the engine needs nothing here, and a page asking main to open any other URL is refused.
 */
export function trackStartedLoginPages(control: Pick<ControlApi, 'on'>, now: () => number = Date.now): StartedLoginPages {
  const expiresAt = new Map<string, number>();
  const unsubscribe = control.on('login.started', (start) => {
    if (!isPlainHttpsUrl(start.url)) return;
    expiresAt.set(start.url, now() + (start.expiresIn === null ? loginPageLifetimeMs : start.expiresIn * 1000));
  });
  return {
    has(url) {
      const until = expiresAt.get(url);
      if (until === undefined) return false;
      if (until > now()) return true;
      expiresAt.delete(url);
      return false;
    },
    dispose: unsubscribe,
  };
}

/** https, no user info, default port: what a provider's login page is. */
export function isPlainHttpsUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && parsed.port === '';
  } catch {
    return false;
  }
}
