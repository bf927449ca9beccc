import { describe, expect, it } from 'vitest';
import { ProxyError } from '../errors/proxy-error';
import type { Credential, CredentialOAuth } from './credential';
import type { AttemptOutcome } from './execute-with-retry';
import { sendWithOAuth } from './send-with-oauth';
import { testCredential } from './test-credential.fixture';

function oauthSource(overrides: Partial<CredentialOAuth> = {}): CredentialOAuth {
  return { deviceId: '', accountUuid: '', accessToken: async () => 'tok-1', refreshAfterUnauthorized: async () => 'tok-2', ...overrides };
}

const ok: AttemptOutcome<string> = { ok: true, value: 'done' };
const unauthorized: AttemptOutcome<string> = {
  ok: false,
  error: new ProxyError({ code: 'PX_UPSTREAM_HTTP', message: 'unauthorized', httpStatus: 401, upstreamStatus: 401 }),
  failure: { status: 401, body: '', retryAfter: undefined },
};

describe('sendWithOAuth', () => {
  it('sends an API-key credential unchanged', async () => {
    const credential = testCredential({ id: 'k' });
    const seen: Credential[] = [];
    expect(await sendWithOAuth(credential, async (sent) => (seen.push(sent), ok))).toEqual(ok);
    expect(seen).toEqual([credential]);
  });

  it('puts the current token in apiKey, refreshes once after a 401 and retries the same account once', async () => {
    const rejected: string[] = [];
    const credential = testCredential({ id: 'o', apiKey: '', oauth: oauthSource({ refreshAfterUnauthorized: async (token) => (rejected.push(token), 'tok-2') }) });
    const keys: string[] = [];
    const outcome = await sendWithOAuth(credential, async (sent) => (keys.push(sent.apiKey), keys.length === 1 ? unauthorized : ok));
    expect(outcome).toEqual(ok);
    expect(keys).toEqual(['tok-1', 'tok-2']);
    expect(rejected).toEqual(['tok-1']);
    const twice: string[] = [];
    expect(await sendWithOAuth(credential, async (sent) => (twice.push(sent.apiKey), unauthorized))).toEqual(unauthorized);
    expect(twice).toEqual(['tok-1', 'tok-2']);
  });

  it('fails over without an upstream call when the account needs a new login', async () => {
    const relogin = Object.assign(new Error('needs login'), { name: 'NeedsReloginError' });
    const credential = testCredential({ id: 'dead', oauth: oauthSource({ accessToken: async () => Promise.reject(relogin) }) });
    let calls = 0;
    const outcome = await sendWithOAuth(credential, async () => (calls++, ok));
    expect(calls).toBe(0);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error).toMatchObject({ code: 'PX_CREDENTIAL_EXPIRED', httpStatus: 403 });
      expect(outcome.failure).toMatchObject({ status: 401, body: 'invalid_grant' });
    }
  });

  it("reports a dead login found by the refresh after a 401 as 'needs a new login', not as the provider's 401 body", async () => {
    const relogin = Object.assign(new Error('needs login'), { name: 'NeedsReloginError' });
    const credential = testCredential({ id: 'dead', label: 'claude a@example.com', oauth: oauthSource({ refreshAfterUnauthorized: async () => Promise.reject(relogin) }) });
    let calls = 0;
    const outcome = await sendWithOAuth(credential, async () => (calls++, unauthorized));
    expect(calls).toBe(1);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error).toMatchObject({ code: 'PX_CREDENTIAL_EXPIRED', httpStatus: 403 });
      expect(outcome.error.message).toContain('claude a@example.com needs a new login');
      expect(outcome.failure).toMatchObject({ status: 401, body: 'invalid_grant' });
    }
    // Any other refresh failure keeps the upstream's answer.
    const flaky = testCredential({ id: 'flaky', oauth: oauthSource({ refreshAfterUnauthorized: async () => Promise.reject(new Error('token endpoint down')) }) });
    expect(await sendWithOAuth(flaky, async () => unauthorized)).toBe(unauthorized);
  });

  it('a refresh that fails for another reason is a 503 to retry later, not a 401', async () => {
    const credential = testCredential({ id: 'o', oauth: oauthSource({ accessToken: async () => Promise.reject(new Error('token endpoint down')) }) });
    const outcome = await sendWithOAuth(credential, async () => ok);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error).toMatchObject({ code: 'PX_CREDENTIAL_EXPIRED', httpStatus: 503, retryable: true });
  });
});
