import type { AuthStore } from '../../auth-store/auth-store';
import { saveCodexAccount } from './codex-auth-file';
import { codexClientId, codexDeviceRedirectUri, type CodexOAuthEndpoints } from './codex-oauth-endpoints';
import { exchangeCodexCode } from './codex-token-client';
import type { CodexLoginResult } from './codex-login';

export interface CodexDeviceLoginOptions {
  endpoints: CodexOAuthEndpoints;
  store: AuthStore;
  /** Overrides the server's `interval` between polls (tests). */
  pollIntervalMs?: number;
  /** docs/providers.md#codex-device-login: 15 minutes. */
  timeoutMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface CodexDeviceLogin {
  /** The page the user opens (`https://auth.openai.com/codex/device`). */
  url: string;
  userCode: string;
  cancel(): void;
  /** Resolves after the auth file is written. */
  result: Promise<CodexLoginResult>;
}

/**
 * The Codex CLI's device login (docs/providers.md#codex-device-login, `--codex-device-login`; the management API does not offer it):
 * a user code from `deviceauth/usercode`, then `deviceauth/token` polled (403/404 = still pending) until it
 * answers an authorization code and its PKCE verifier, exchanged like a browser login with the device
 * redirect URI. Codes and tokens never reach errors.
 */
export async function startCodexDeviceLogin(options: CodexDeviceLoginOptions): Promise<CodexDeviceLogin> {
  const started = await postJson(options.endpoints.deviceUserCodeUrl, { client_id: codexClientId });
  if (!started.ok) throw new Error(`Codex device login could not start: HTTP ${started.status}`);
  const deviceAuthId = text(started.body.device_auth_id);
  const userCode = text(started.body.user_code) || text(started.body.usercode);
  if (!deviceAuthId || !userCode) throw new Error('Codex device login could not start: the answer has no device_auth_id or user_code');
  const intervalMs = options.pollIntervalMs ?? secondsOf(started.body.interval, 5) * 1000;
  let cancelled = false;
  const result = pollForApproval(options, { deviceAuthId, userCode, intervalMs, isCancelled: () => cancelled }).then(async (approval) => {
    const tokens = await exchangeCodexCode({ endpoints: options.endpoints }, { code: approval.code, verifier: approval.verifier, redirectUri: codexDeviceRedirectUri });
    return saveCodexAccount(options.store, tokens, (options.now ?? Date.now)());
  });
  return { url: options.endpoints.deviceVerificationUrl, userCode, cancel: () => (cancelled = true), result };
}

async function pollForApproval(
  options: CodexDeviceLoginOptions,
  device: { deviceAuthId: string; userCode: string; intervalMs: number; isCancelled(): boolean },
): Promise<{ code: string; verifier: string }> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deadline = Date.now() + (options.timeoutMs ?? 15 * 60_000);
  for (;;) {
    await sleep(device.intervalMs);
    if (device.isCancelled()) throw new Error('Login cancelled');
    const answer = await postJson(options.endpoints.deviceTokenUrl, { device_auth_id: device.deviceAuthId, user_code: device.userCode });
    if (answer.ok) {
      const code = text(answer.body.authorization_code);
      const verifier = text(answer.body.code_verifier);
      if (!code || !verifier) throw new Error('The device approval has no authorization code');
      return { code, verifier };
    }
    if (answer.status !== 403 && answer.status !== 404) throw new Error(`Codex device login failed: HTTP ${answer.status}`);
    if (Date.now() >= deadline) throw new Error('The device code expired before the login was approved; start the login again.');
  }
}

async function postJson(url: string, body: Record<string, string>): Promise<{ ok: boolean; status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
  const parsed: unknown = await response.json().catch(() => ({}));
  return { ok: response.ok, status: response.status, body: typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {} };
}

/** `interval` comes as a string or a number (docs/providers.md#codex-device-login). */
function secondsOf(value: unknown, fallback: number): number {
  const seconds = typeof value === 'number' ? value : Number(text(value));
  return Number.isFinite(seconds) && seconds > 0 ? seconds : fallback;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}
