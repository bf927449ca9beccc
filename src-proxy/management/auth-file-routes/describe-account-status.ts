import type { Cooldown } from '../../routing/credential-health';

/**
 * The `status` values the auth-file list uses: `active` (served), `disabled` (`disabled: true` in the file),
 * `cooling` (the whole credential is in a cooldown after upstream failures), `error` (not usable: the file
 * does not parse, the refresh token is dead, or it gives no account to serve,
 * e.g. an Antigravity file whose project is not found yet or a Vertex file naming no region).
 */
export type AccountStatusName = 'active' | 'disabled' | 'cooling' | 'error';

export interface AccountStatus {
  status: AccountStatusName;
  status_message: string;
  /** True when nothing can be served through it now (cooling or error). */
  unavailable: boolean;
  /** Epoch ms when the earliest running cooldown ends; null when none runs. */
  nextRetryAfter: number | null;
}

export interface AccountFacts {
  /** Why the file could not be read as an auth file; null when it parsed. */
  problem: string | null;
  provider: string;
  disabled: boolean;
  /** The file's `needs_relogin` mark (a refresh found the refresh token dead) and its reason. */
  needsRelogin: boolean;
  needsReloginReason: string;
  /** Whether the engine routes requests through it (has at least one credential). */
  routed: boolean;
  cooldowns: readonly Cooldown[];
}

export function describeAccountStatus(facts: AccountFacts): AccountStatus {
  const nextRetryAfter = facts.cooldowns.length === 0 ? null : Math.min(...facts.cooldowns.map((cooldown) => cooldown.blockedUntil));
  if (facts.problem !== null) return error(`invalid auth file: ${facts.problem}`);
  if (facts.disabled) return { status: 'disabled', status_message: 'disabled', unavailable: false, nextRetryAfter: null };
  if (facts.needsRelogin) return error(facts.needsReloginReason ? `needs re-login (${facts.needsReloginReason})` : 'needs re-login');
  if (!facts.routed) return error(`this ${facts.provider} file gives no account to serve yet (see its provider in docs/providers.md)`);
  const whole = facts.cooldowns.filter((cooldown) => cooldown.model === null);
  if (whole.length > 0) {
    const until = Math.max(...whole.map((cooldown) => cooldown.blockedUntil));
    const reason = whole.find((cooldown) => cooldown.blockedUntil === until)?.reason ?? '';
    return { status: 'cooling', status_message: `cooling down until ${new Date(until).toISOString()} (${reason})`, unavailable: true, nextRetryAfter };
  }
  if (facts.cooldowns.length > 0) {
    const models = [...new Set(facts.cooldowns.map((cooldown) => cooldown.model))].join(', ');
    const until = Math.max(...facts.cooldowns.map((cooldown) => cooldown.blockedUntil));
    return { status: 'active', status_message: `cooling down until ${new Date(until).toISOString()} for ${models}`, unavailable: false, nextRetryAfter };
  }
  return { status: 'active', status_message: '', unavailable: false, nextRetryAfter: null };

  function error(message: string): AccountStatus {
    return { status: 'error', status_message: message, unavailable: true, nextRetryAfter: null };
  }
}
