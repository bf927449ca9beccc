import { z } from 'zod';
import type { LoginProvider, LoginStart } from './control/account-types';
import { loginProviderName } from './control-contract';

/**
 * A login the Accounts page should show when it opens: one started elsewhere (the tray, another route),
 * or one that could not start. The desktop shell puts it in the page's hash (`#/accounts?follow=…`), so
 * a window or an Accounts page that did not exist when the login started still shows its progress,
 * device code and paste-the-callback fallback, or why it failed.
 */
export type FollowedLogin = { kind: 'started'; start: LoginStart } | { kind: 'failed'; provider: LoginProvider; why: string };

const provider = loginProviderName;
const followedLoginSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('started'),
    start: z.object({
      state: z.string().min(1).max(512),
      provider,
      url: z.string().max(8192),
      userCode: z.string().max(256).nullable(),
      expiresIn: z.number().nullable(),
    }),
  }),
  z.object({ kind: z.literal('failed'), provider, why: z.string().max(2000) }),
]);

/** The hash route (without '#') that opens the Accounts page following this login. */
export function followLoginRoute(followed: FollowedLogin): string {
  return `/accounts?follow=${encodeURIComponent(JSON.stringify(followed))}`;
}

/** The login named by a `#/accounts?follow=…` hash; null for any other or a malformed one. */
export function followedLoginFromHash(hash: string): FollowedLogin | null {
  const query = hash.replace(/^#?\/?accounts\?/, '');
  if (query === hash) return null;
  const raw = new URLSearchParams(query).get('follow');
  if (raw === null) return null;
  try {
    const parsed = followedLoginSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
