import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import type { DoctorHello } from '../../src-shared/control/doctor-types';
import { getProvider } from '../providers/registry';
import { accountIdOf } from '../routing/account-id-of';
import type { Credential } from '../routing/credential';
import { sayHello } from './say-hello';

/** A hello may take as long as a slow completion, not the 5 s of a host probe. */
export const doctorHelloTimeoutMs = 20_000;

export interface DoctorHellosOptions {
  /** The credentials the engine serves now (read on every ask). */
  credentials(): readonly Credential[];
  dispatcherFor(credential: Credential): Dispatcher;
  /** Every answer's headers and error body (the quota service's hook). */
  onResponse?(credential: Credential, status: number, headers: IncomingHttpHeaders, now: number, errorBody?: string): void;
  timeoutMs?: number;
  now?: () => number;
}

/**
 * The doctor's per-account hello (docs/doctor.md#hello), only when asked: one request per account per ask.
 * An account is an auth file (its first credential: a Gemini project list is one login) or a config entry.
 * An ask for an account whose hello is still running shares that hello instead of sending another.
 */
export class DoctorHellos {
  private readonly running = new Map<string, Promise<DoctorHello>>();
  private readonly now: () => number;

  constructor(private readonly options: DoctorHellosOptions) {
    this.now = options.now ?? Date.now;
  }

  /**
   * `account`: an auth file name, a credential id, or 'all'. Undefined when no served account matches
   * (unknown, disabled, or a login that cannot be used).
   */
  async hello(account: string): Promise<DoctorHello[] | undefined> {
    const accounts = servedAccounts(this.options.credentials());
    const chosen = account === 'all' ? accounts : accounts.filter((entry) => entry.account === account || entry.credential.id === account);
    if (account !== 'all' && chosen.length === 0) return undefined;
    return Promise.all(chosen.map((entry) => this.once(entry)));
  }

  private once(entry: ServedAccount): Promise<DoctorHello> {
    const inFlight = this.running.get(entry.account);
    if (inFlight) return inFlight;
    const { credential } = entry;
    const hook = this.options.onResponse;
    const sent = sayHello(credential, getProvider(credential.provider), { account: entry.account, label: entry.label }, {
      dispatcher: this.options.dispatcherFor(credential),
      timeoutMs: this.options.timeoutMs ?? doctorHelloTimeoutMs,
      now: this.now,
      generateId: (prefix) => `${prefix}${randomUUID().replaceAll('-', '')}`,
      ...(hook ? { onResponse: (status: number, headers: IncomingHttpHeaders, errorBody?: string) => hook(credential, status, headers, this.now(), errorBody) } : {}),
    }).finally(() => this.running.delete(entry.account));
    this.running.set(entry.account, sent);
    return sent;
  }
}

interface ServedAccount {
  /** As `accounts.list` names it: the auth file name, or the config entry's credential id. */
  account: string;
  label: string;
  credential: Credential;
}

/** One entry per account (its first credential), in the engine's order. */
function servedAccounts(credentials: readonly Credential[]): ServedAccount[] {
  const byAccount = new Map<string, ServedAccount>();
  for (const credential of credentials) {
    const account = accountIdOf(credential.id);
    if (!byAccount.has(account)) byAccount.set(account, { account, label: credential.label, credential });
  }
  return [...byAccount.values()];
}
