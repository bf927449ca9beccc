import type { Dispatcher } from 'undici';
import type { DoctorCheck } from '../../src-shared/control/doctor-types';
import { loadUndici } from '../http/undici-lean';

/** What one probe of a host found: any HTTP answer means the host is reachable. */
export type HostProbe = { ok: true; status: number; latencyMs: number; date: number | null } | { ok: false; message: string };

/** `HEAD <origin>/` through `dispatcher`, at most `timeoutMs`: reachable or the exact network error. */
export async function probeHost(origin: string, dispatcher: Dispatcher, timeoutMs: number, now: () => number = Date.now): Promise<HostProbe> {
  const started = now();
  try {
    const { request } = await loadUndici();
    const answer = await request(`${origin}/`, { method: 'HEAD', dispatcher, signal: AbortSignal.timeout(timeoutMs) });
    await answer.body.dump();
    const date = typeof answer.headers.date === 'string' ? Date.parse(answer.headers.date) : Number.NaN;
    return { ok: true, status: answer.statusCode, latencyMs: now() - started, date: Number.isNaN(date) ? null : date };
  } catch (error) {
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return { ok: false, message: `no answer within ${Math.round(timeoutMs / 100) / 10} s` };
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
    return { ok: false, message: cause ?? (error instanceof Error ? error.message : String(error)) };
  }
}

export interface ReachabilityInput {
  /** Provider origins (`https://api.anthropic.com`), each probed once per route. */
  origins: readonly string[];
  direct: Dispatcher;
  /** Through the configured `proxy-url`; absent when none is set. */
  proxied?: Dispatcher;
  timeoutMs: number;
}

/**
 * Each provider host directly and through `proxy-url` when one is set: which route works tells whether a
 * firewall, the proxy or the host is at fault. Returns the checks and the probes' Date headers (clock skew).
 */
export async function checkReachability(input: ReachabilityInput): Promise<{ checks: DoctorCheck[]; dates: Array<{ date: number; at: number }> }> {
  const dates: Array<{ date: number; at: number }> = [];
  const checks = await Promise.all(
    input.origins.map(async (origin): Promise<DoctorCheck> => {
      const [direct, proxied] = await Promise.all([probeHost(origin, input.direct, input.timeoutMs), input.proxied ? probeHost(origin, input.proxied, input.timeoutMs) : undefined]);
      for (const probe of [direct, proxied]) if (probe?.ok && probe.date !== null) dates.push({ date: probe.date, at: Date.now() });
      return reachabilityCheck(origin, direct, proxied);
    }),
  );
  return { checks, dates };
}

function describe(probe: HostProbe): string {
  return probe.ok ? `answered HTTP ${probe.status} in ${probe.latencyMs} ms` : `failed: ${probe.message}`;
}

function reachabilityCheck(origin: string, direct: HostProbe, proxied: HostProbe | undefined): DoctorCheck {
  const id = `reach:${new URL(origin).host}`;
  const title = `Reach ${new URL(origin).host}`;
  if (!proxied) {
    if (direct.ok) return { id, title, status: 'ok', explanation: `${origin} ${describe(direct)}.`, fix: null };
    return { id, title, status: 'error', explanation: `${origin} ${describe(direct)}.`, fix: 'Check your internet connection, firewall or VPN; if you need a proxy to go out, set `proxy-url` in config.yaml.' };
  }
  const explanation = `Directly: ${describe(direct)}. Through proxy-url: ${describe(proxied)}.`;
  if (proxied.ok) return { id, title, status: 'ok', explanation, fix: null };
  if (direct.ok) return { id, title, status: 'error', explanation, fix: 'The configured `proxy-url` does not get through: check its address and credentials, or remove it.' };
  return { id, title, status: 'error', explanation, fix: 'Neither route works: check your connection, the proxy in `proxy-url`, and whether the provider is down.' };
}

/** Clock skew from the providers' Date headers (whole seconds): logins and signed requests fail with a wrong clock. */
export function checkClockSkew(dates: ReadonlyArray<{ date: number; at: number }>): DoctorCheck {
  const title = 'System clock';
  if (dates.length === 0) return { id: 'clock', title, status: 'skipped', explanation: 'No provider answered, so the clock could not be compared.', fix: null };
  const skews = dates.map(({ date, at }) => at - date).sort((left, right) => left - right);
  const skewMs = skews[Math.floor(skews.length / 2)] ?? 0;
  const seconds = Math.round(Math.abs(skewMs) / 1000);
  const direction = skewMs > 0 ? 'ahead of' : 'behind';
  // Date headers have whole seconds and the answer took a moment: under 30 s is noise.
  if (seconds < 30) return { id: 'clock', title, status: 'ok', explanation: `The clock agrees with the providers' (within ${seconds} s).`, fix: null };
  return { id: 'clock', title, status: seconds >= 300 ? 'error' : 'warning', explanation: `The clock is ${seconds} s ${direction} the providers': token expiry and signed logins go wrong.`, fix: 'Turn on automatic time (NTP) in your system settings.' };
}
