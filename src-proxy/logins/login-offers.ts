import type { LoginOffer } from '../../src-shared/control/account-types';
import { loginProviders } from '../providers/registry';

/**
 * The logins the control contract offers (`logins.list`), in registry order: each login provider's
 * contract name and label, as it declares them in its folder. A login without a web-UI callback is a
 * device flow (the user confirms a code; nothing redirects back).
 */
export function loginOffers(): LoginOffer[] {
  return loginProviders.map((provider) => ({
    provider: provider.auth.login.controlName,
    label: provider.label,
    flow: provider.auth.login.webUiCallbackPath === undefined ? 'device-code' : 'browser',
  }));
}

/** Whether `login.start` may start this name: only what `logins.list` offers (CPA's management aliases are for its own routes). */
export function isOfferedLogin(name: string): boolean {
  return loginProviders.some((provider) => provider.auth.login.controlName === name);
}
