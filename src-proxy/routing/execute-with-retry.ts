import { ProxyError } from '../errors/proxy-error';
import { classifyFailure, type UpstreamFailure } from './classify-failure';
import type { CredentialHealth } from './credential-health';
import type { CredentialSelector, PickOptions, RoutingStrategy } from './credential-selector';
import type { SessionIds } from './extract-session-ids';
import type { RouteCandidate } from './resolve-candidates';

export type AttemptOutcome<T> = { ok: true; value: T } | { ok: false; error: ProxyError; failure: UpstreamFailure };

export interface RetryPolicy {
  strategy: RoutingStrategy;
  /** Extra rounds after the first (config `request-retry`). */
  requestRetry: number;
  /** Longest wait in seconds for a cooled-down credential before another round (`max-retry-interval`). */
  maxRetryIntervalSeconds: number;
  /** Most distinct credentials tried per round, 0 = all (`max-retry-credentials`). */
  maxCredentialsPerRound: number;
  disableCooling: boolean;
  transientCooldownSeconds: number;
  /** `routing.session-affinity`: keep a client session on the credential it was bound to. */
  sessionAffinity?: boolean;
  /** `routing.session-affinity-ttl` in seconds. */
  sessionAffinityTtlSeconds?: number;
}

export interface RetryContext<T> {
  model: string;
  candidates: readonly RouteCandidate[];
  policy: RetryPolicy;
  health: CredentialHealth;
  selector: CredentialSelector;
  attempt: (candidate: RouteCandidate) => Promise<AttemptOutcome<T>>;
  now: () => number;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  signal: AbortSignal;
  /** The client's session (extract-session-ids.ts), used when the policy turns session affinity on. */
  session?: SessionIds | null;
  /** Told about every attempt, for the request log line. */
  onAttempt?: (candidate: RouteCandidate) => void;
}

/** Statuses after which another round may start (docs/routing.md#retries). */
const roundRetryStatuses = new Set([403, 408, 429, 500, 502, 503, 504]);
const maxJitterMs = 2000;

/**
 * Runs attempts across credentials (docs/routing.md#retries): round 0 tries available credentials one at a time until
 * one succeeds; a request fault stops everything; after a failed round, another starts only when the
 * failure is retryable and the earliest cooled-down credential recovers within `max-retry-interval`.
 */
export async function executeWithRetry<T>(context: RetryContext<T>): Promise<T> {
  const { policy } = context;
  let lastError: ProxyError | undefined;
  for (let round = 0; round <= policy.requestRetry; round += 1) {
    const outcome = await runRound(context);
    if (outcome.ok) return outcome.value;
    lastError = outcome.error;
    if (outcome.final || round === policy.requestRetry) break;
    const waitMs = nextRoundWait(context, lastError);
    if (waitMs === undefined) break;
    await context.sleep(waitMs, context.signal);
  }
  throw lastError ?? noCredentialError(context.model);
}

type RoundOutcome<T> = { ok: true; value: T } | { ok: false; error: ProxyError; final: boolean };

async function runRound<T>(context: RetryContext<T>): Promise<RoundOutcome<T>> {
  // The credentials tried this round; made on the first failure (most rounds end with their first attempt).
  let tried: Set<string> | undefined;
  let attempts = 0;
  let lastError: ProxyError | undefined;
  const limit = context.policy.maxCredentialsPerRound > 0 ? context.policy.maxCredentialsPerRound : Infinity;
  while (attempts < limit) {
    if (context.signal.aborted) return { ok: false, error: abortedError(), final: true };
    const now = context.now();
    const available = availableCandidates(context, tried, now);
    const candidate = context.selector.pick(context.policy.strategy, context.model, available, pickOptions(context, now));
    if (!candidate) break;
    attempts += 1;
    context.onAttempt?.(candidate);
    const outcome = await context.attempt(candidate);
    if (outcome.ok) {
      context.health.recordSuccess(candidate.credential.id, context.model);
      return outcome;
    }
    if (context.signal.aborted || outcome.error.code === 'PX_CLIENT_ABORTED') return { ok: false, error: abortedError(), final: true };
    const credentialId = candidate.credential.id;
    (tried ??= new Set()).add(credentialId);
    const verdict = classifyFailure(outcome.failure, context.health.quotaLevel(credentialId, context.model), context.policy.transientCooldownSeconds);
    context.health.recordFailure(credentialId, context.model, verdict, context.now(), context.policy.disableCooling);
    if (!verdict.rotate) return { ok: false, error: outcome.error, final: true };
    lastError = outcome.error;
  }
  return { ok: false, error: lastError ?? unavailableError(context), final: false };
}

/** The candidates not tried yet this round and not cooling down: the shared list itself when that is all of them. */
function availableCandidates<T>(context: RetryContext<T>, tried: ReadonlySet<string> | undefined, now: number): readonly RouteCandidate[] {
  const { candidates, health, model } = context;
  let available: RouteCandidate[] | undefined;
  for (let index = 0; index < candidates.length; index += 1) {
    const candidate = candidates[index] as RouteCandidate;
    const usable = !tried?.has(candidate.credential.id) && health.check(candidate.credential.id, model, now).available;
    if (usable) available?.push(candidate);
    else available ??= candidates.slice(0, index);
  }
  return available ?? candidates;
}

/** Weighted state and session bindings are per (providers, model); affinity only when on and the request names a session. */
function pickOptions<T>(context: RetryContext<T>, now: number): PickOptions {
  const options = scopeOptionsOf(context.candidates);
  const { policy, session } = context;
  if (!policy.sessionAffinity || !session) return options;
  return { scope: options.scope, affinity: { session, ttlMs: (policy.sessionAffinityTtlSeconds ?? 3600) * 1000, now } };
}

/** Candidate lists are shared between requests (runtime-routing.ts): each one's scope is worked out once. */
const scopeOptions = new WeakMap<readonly RouteCandidate[], Readonly<PickOptions>>();

/** `{ scope }` with the sorted, distinct provider keys of the candidates: 'claude,openai-compatible-x'. */
function scopeOptionsOf(candidates: readonly RouteCandidate[]): Readonly<PickOptions> {
  let options = scopeOptions.get(candidates);
  if (options === undefined) {
    options = Object.freeze({ scope: [...new Set(candidates.map((candidate) => candidate.credential.providerKey))].sort().join(',') });
    scopeOptions.set(candidates, options);
  }
  return options;
}

/** Milliseconds to wait before the next round, or undefined when no further round is worth starting. */
function nextRoundWait<T>(context: RetryContext<T>, lastError: ProxyError): number | undefined {
  const status = lastError.upstreamStatus ?? lastError.httpStatus;
  if (!roundRetryStatuses.has(status)) return undefined;
  const maxWaitMs = Math.max(0, context.policy.maxRetryIntervalSeconds) * 1000;
  const now = context.now();
  let earliest = Infinity;
  for (const candidate of context.candidates) {
    const availability = context.health.check(candidate.credential.id, context.model, now);
    earliest = Math.min(earliest, availability.available ? now : availability.blockedUntil);
  }
  let waitMs = Number.isFinite(earliest) ? earliest - now : (lastError.retryAfterSeconds ?? 0) * 1000;
  if (waitMs > maxWaitMs) return undefined;
  if (waitMs > 0) waitMs += Math.min(waitMs / 4, maxJitterMs, maxWaitMs - waitMs) * Math.random();
  return Math.max(0, Math.round(waitMs));
}

/** Nothing could be tried this round: all cooling down (429 + Retry-After) or none usable (503). */
function unavailableError<T>(context: RetryContext<T>): ProxyError {
  const now = context.now();
  const states = context.candidates.map((candidate) => context.health.check(candidate.credential.id, context.model, now));
  if (states.length === 0) return noCredentialError(context.model);
  const earliest = Math.min(...states.map((state) => state.blockedUntil));
  const seconds = Math.max(1, Math.ceil((earliest - now) / 1000));
  return new ProxyError({
    code: 'PX_COOLDOWN',
    message: `All credentials for model ${context.model} are cooling down; retry in ${seconds}s.`,
    httpStatus: 429,
    retryable: true,
    retryAfterSeconds: seconds,
    details: { code: 'model_cooldown', reset_seconds: seconds },
  });
}

function noCredentialError(model: string): ProxyError {
  return new ProxyError({ code: 'PX_NO_CREDENTIAL', message: `No credential is available for model ${model}.`, httpStatus: 503 });
}

function abortedError(): ProxyError {
  return new ProxyError({ code: 'PX_CLIENT_ABORTED', message: 'The client closed the connection.', httpStatus: 499 });
}
