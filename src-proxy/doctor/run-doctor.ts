import type { Dispatcher } from 'undici';
import type { DoctorCheck, DoctorReport } from '../../src-shared/control/doctor-types';
import type { AuthStore } from '../auth-store/auth-store';
import type { EngineConfig } from '../config/engine-config';
import { DispatcherPool } from '../http/create-dispatcher';
import { Agent } from '../http/undici-lean';
import { checkCallbackPorts, checkListener, oauthCallbackPorts, type ListenerFacts } from './check-local-ports';
import { checkAuthFiles, checkClientKeys, checkUsageDatabase } from './check-local-state';
import { checkClockSkew, checkReachability } from './check-outbound';

/** Provider hosts get this long per probe: a slow host is a finding, not a hang. */
export const doctorProbeTimeoutMs = 5000;

export interface DoctorInput {
  config: EngineConfig;
  /** auth-dir, scanned (AuthStore.rescan) before the doctor runs. */
  authStore: AuthStore;
  usagePath: string;
  /** Provider origins to probe (provider-origins.ts). */
  origins: readonly string[];
  /** The running engine's listener; absent for `cliproxy doctor` (the port is then probed). */
  listener?: ListenerFacts;
  /** Tests: other callback ports (a taken one), a shorter timeout. */
  callbackPorts?: ReadonlyArray<{ port: number; login: string }>;
  timeoutMs?: number;
  sqliteNativeBinding?: string;
  now?: () => number;
}

/**
 * Every check of the doctor (docs/doctor.md), each with status, explanation and fix. Spends no request on
 * any account: the provider probes are unauthenticated `HEAD /` requests.
 */
export async function runDoctor(input: DoctorInput): Promise<DoctorReport> {
  const { config } = input;
  const direct = new Agent();
  const proxies = new DispatcherPool();
  try {
    let proxied: Dispatcher | undefined;
    let proxyProblem: DoctorCheck[] = [];
    try {
      if (config.proxyUrl) proxied = proxies.get(config.proxyUrl, '');
    } catch (error) {
      // Its message never repeats the URL (it may hold a password).
      proxyProblem = [{ id: 'proxy-url', title: 'proxy-url', status: 'error', explanation: error instanceof Error ? error.message : 'The proxy-url cannot be used.', fix: 'Correct `proxy-url` in config.yaml (http, https, socks5 or socks5h).' }];
    }
    const [listener, callbacks, outbound] = await Promise.all([
      checkListener(config.host, config.port, config.tls.enable, input.listener),
      checkCallbackPorts(input.callbackPorts ?? oauthCallbackPorts),
      checkReachability({ origins: input.origins, direct, ...(proxied ? { proxied } : {}), timeoutMs: input.timeoutMs ?? doctorProbeTimeoutMs }),
    ]);
    const files = await input.authStore.fileNames();
    return {
      checkedAt: (input.now ?? Date.now)(),
      checks: [
        ...listener,
        ...callbacks,
        checkClientKeys(config.apiKeys.length),
        ...proxyProblem,
        ...outbound.checks,
        checkClockSkew(outbound.dates),
        checkAuthFiles(input.authStore.skipped(), files.length),
        checkUsageDatabase(input.usagePath, input.sqliteNativeBinding),
      ],
    };
  } finally {
    await Promise.allSettled([direct.close(), proxies.close()]);
  }
}
