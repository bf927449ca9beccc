/** Autocannon runs of a scenario against a target URL, with sub-millisecond latency percentiles. */
import { setMaxListeners } from 'node:events';
import autocannon from 'autocannon';
import { Agent, request } from 'undici';
import type { ChildHandle } from './child-handle';
import type { BenchScenario } from './scenarios';

/** One autocannon run, before summarizing. */
export interface RawLoad {
  durationSeconds: number;
  /** Completed requests (any status). */
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Duration of every 2xx response, ms. */
  latenciesMs: number[];
}

export interface LoadResult {
  durationSeconds: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

/** One request of the scenario (the smoke check before measuring): status and body text. */
export async function sendOnce(baseUrl: string, scenario: BenchScenario, timeoutMs = 10_000): Promise<{ status: number; body: string }> {
  const response = await request(baseUrl + scenario.path, {
    method: scenario.method,
    headers: scenario.headers,
    body: scenario.body,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  return { status: response.statusCode, body: await response.body.text() };
}

/**
 * Request timeout for targets under valgrind (the instruction counts): they answer ~50 times slower, and
 * the first requests after counting is switched on far slower still (every code block is re-translated).
 */
export const VALGRIND_TIMEOUT_MS = 300_000;

/**
 * A counted window (instructions, system calls) is only valid when every request succeeded: undefined
 * when it did, else an error naming the failures and what one more request gets now (status and body).
 */
export async function checkWindow(target: Pick<ChildHandle, 'name' | 'url'>, scenario: BenchScenario, load: RawLoad, timeoutMs?: number): Promise<void> {
  const failed = load.non2xx + load.errors + load.timeouts;
  if (failed === 0 && load.requests > 0) return;
  const probe = await sendOnce(target.url, scenario, timeoutMs).then(
    ({ status, body }) => `${status} ${body.slice(0, 300)}`,
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
  throw new Error(
    `${target.name} '${scenario.id}': ${failed} of ${load.requests} requests failed (${load.non2xx} non-2xx, ${load.errors} errors, ${load.timeouts} timeouts); one more request now: ${probe}`,
  );
}

/** One request of the scenario must get a complete, correct reply before anything is measured. */
export async function smokeCheck(target: Pick<ChildHandle, 'name' | 'url'>, scenario: BenchScenario, timeoutMs?: number): Promise<void> {
  const { status, body } = await sendOnce(target.url, scenario, timeoutMs);
  const problem = scenario.verify(status, body);
  if (problem !== undefined) throw new Error(`smoke check of ${target.name} for '${scenario.id}' failed: ${problem}`);
}

export function runLoad(baseUrl: string, scenario: BenchScenario, durationSeconds: number): Promise<RawLoad> {
  return runAutocannon(baseUrl, scenario, { duration: durationSeconds });
}

/** Exactly `amount` requests at the scenario's connection count (the instruction counts' windows). */
export function runRequests(baseUrl: string, scenario: BenchScenario, amount: number): Promise<RawLoad> {
  return runAutocannon(baseUrl, scenario, { amount });
}

function runAutocannon(baseUrl: string, scenario: BenchScenario, limit: { duration: number } | { amount: number }): Promise<RawLoad> {
  // autocannon's own histogram keeps whole milliseconds; loopback latencies are often below 1 ms,
  // so percentiles come from the per-response durations (hrtime based) collected here.
  const latenciesMs: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: baseUrl + scenario.path,
        method: scenario.method,
        headers: scenario.headers,
        body: scenario.body,
        connections: scenario.connections,
        ...limit,
        timeout: 'amount' in limit ? VALGRIND_TIMEOUT_MS / 1000 : 10,
      },
      (error, result) => {
        if (error !== null) {
          reject(error);
          return;
        }
        resolve({
          durationSeconds: result.duration,
          requests: result.requests.total,
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          latenciesMs,
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTimeMs) => {
      if (statusCode >= 200 && statusCode < 300) latenciesMs.push(responseTimeMs);
    });
  });
}

/** Several runs of the same scenario and target (the rounds), summarized as one. */
export function summarizeLoads(loads: RawLoad[]): LoadResult {
  const sum = (pick: (load: RawLoad) => number): number => loads.reduce((total, load) => total + pick(load), 0);
  const durationSeconds = sum((load) => load.durationSeconds);
  const requests = sum((load) => load.requests);
  const sorted = Float64Array.from(loads.flatMap((load) => load.latenciesMs)).sort();
  return {
    durationSeconds,
    requests,
    requestsPerSecond: durationSeconds > 0 ? requests / durationSeconds : 0,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    non2xx: sum((load) => load.non2xx),
    errors: sum((load) => load.errors),
    timeouts: sum((load) => load.timeouts),
  };
}

function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

/** Streams held open at once (the idle-streams load check); close() aborts them all. */
export interface IdleStreams {
  /** Streams that answered 200 and sent their first body bytes. */
  opened: number;
  /** Non-200 answers and connection errors, with the first message. */
  failed: number;
  firstError: string | undefined;
  close(): Promise<void>;
}

/**
 * Sends `count` streaming requests of `scenario` at once, each on its own connection, and resolves once
 * every one has answered with its first body bytes (or failed). The bodies keep draining while held.
 */
export async function openIdleStreams(baseUrl: string, scenario: BenchScenario, count: number): Promise<IdleStreams> {
  const dispatcher = new Agent({ connections: count, headersTimeout: 60_000, bodyTimeout: 120_000 });
  const controller = new AbortController();
  // One signal aborts every stream: each request listens on it.
  setMaxListeners(count + 16, controller.signal);
  const results = await Promise.allSettled(
    Array.from({ length: count }, async () => {
      const response = await request(baseUrl + scenario.path, { method: scenario.method, headers: scenario.headers, body: scenario.body, dispatcher, signal: controller.signal });
      response.body.on('error', () => undefined);
      if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}: ${(await response.body.text()).slice(0, 200)}`);
      await new Promise<void>((resolve, reject) => {
        response.body.on('data', () => resolve());
        response.body.once('end', () => reject(new Error('the stream ended before it was held')));
      });
    }),
  );
  const failures = results.filter((result) => result.status === 'rejected');
  return {
    opened: count - failures.length,
    failed: failures.length,
    firstError: failures[0]?.reason instanceof Error ? failures[0].reason.message : undefined,
    close: async () => {
      controller.abort();
      await dispatcher.destroy();
    },
  };
}
