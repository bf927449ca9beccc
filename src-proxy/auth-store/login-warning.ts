import type { RenewalTrouble } from './account-refresher';

const hourMs = 3_600_000;
/** A login whose end is known in advance and that nothing renews is announced this long before it. */
export const expiryWarningLeadMs = 72 * hourMs;
/** One failed renewal can be a blip; this many in a row is a warning. */
export const renewalFailuresToWarn = 2;

/** Something about a login that will stop it working, said before it does. */
export interface LoginWarning {
  kind: 'renewal-failing' | 'expires-soon';
  /** For people, e.g. "Renewal failing since 10:02 (connect ECONNREFUSED), token valid until 11:40. Log in again if it persists." */
  message: string;
  /** Epoch ms the renewals started failing ('renewal-failing'); null otherwise. */
  since: number | null;
  /** Epoch ms the current token or key stops working; null when unknown. */
  validUntil: number | null;
}

export interface LoginWarningFacts {
  trouble: RenewalTrouble | undefined;
  /** The file's `expired` (access token or API key); null when it names none. */
  expiresAt: number | null;
  /** Whether the refresher can renew the file by itself (a refresh token, an iFlow cookie). */
  renewable: boolean;
  now: number;
  /** Clock time for people (local to the engine by default). */
  formatTime?: (ms: number) => string;
}

/**
 * The early warning of a login (issue: "know before it breaks"), or null:
 * - renewals failing repeatedly (network, 5xx; not a dead refresh token, which is needs-relogin) while the
 *   token still works: since when, why, and until when the token holds;
 * - an end known in advance that nothing renews (an iFlow key without cookie or refresh token, an access
 *   token without a refresh token): from 3 days before it. A cookie login renews its key 48 h ahead; if that
 *   fails, the first kind warns with the days still left.
 */
export function describeLoginWarning(facts: LoginWarningFacts): LoginWarning | null {
  const format = facts.formatTime ?? localTime;
  const { trouble, expiresAt, now } = facts;
  if (trouble && trouble.failures >= renewalFailuresToWarn) {
    const validity = expiresAt === null ? '' : expiresAt > now ? `, token valid until ${format(expiresAt)}` : `, token expired at ${format(expiresAt)}`;
    return {
      kind: 'renewal-failing',
      message: `Renewal failing since ${format(trouble.since)} (${trouble.cause})${validity}. Log in again if it persists.`,
      since: trouble.since,
      validUntil: expiresAt,
    };
  }
  if (!facts.renewable && expiresAt !== null && expiresAt > now && expiresAt - now <= expiryWarningLeadMs) {
    return { kind: 'expires-soon', message: `This login cannot renew itself and stops working at ${format(expiresAt)}. Log in again before then.`, since: null, validUntil: expiresAt };
  }
  return null;
}

function localTime(ms: number): string {
  const date = new Date(ms);
  const sameDay = new Date().toDateString() === date.toDateString();
  return sameDay ? date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : date.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
}
