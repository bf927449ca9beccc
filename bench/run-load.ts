/** Autocannon runs of a scenario against a target URL, with sub-millisecond latency percentiles. */
import autocannon from 'autocannon';
import { request } from 'undici';
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
export async function sendOnce(baseUrl: string, scenario: BenchScenario): Promise<{ status: number; body: string }> {
  const response = await request(baseUrl + scenario.path, {
    method: scenario.method,
    headers: scenario.headers,
    body: scenario.body,
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
  });
  return { status: response.statusCode, body: await response.body.text() };
}

export function runLoad(baseUrl: string, scenario: BenchScenario, durationSeconds: number): Promise<RawLoad> {
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
        duration: durationSeconds,
        timeout: 10,
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
