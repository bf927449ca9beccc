import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Credential } from '../../routing/credential';
import { findAccount, type ConfigAccount, type FileAccount } from '../auth-file-routes/auth-accounts';
import { MANAGEMENT_PREFIX } from '../create-management-guard';
import type { ApiCallDeps } from './api-call-deps';
import type { ManagementContext } from '../management-context';
import { credentialTokenOrigins } from './credential-token-origins';
import { readApiCallBody, type ApiCallRequest } from './read-api-call-body';
import { sendApiCall } from './send-api-call';

const tokenMarker = '$TOKEN$';
const bodyLimitBytes = 16 * 1024 * 1024;

/**
 * CPA's `POST /v0/management/api-call` (the official panel's quota and key-check pages use it): one HTTP
 * request on the operator's behalf, `$TOKEN$` in header values replaced by the `auth_index` account's
 * current token (refreshed when due) or API key, and only for a URL on that account's own provider hosts.
 * Answers 200 `{status_code, header, body}`, 400 `{error}` (body, URL, proxy, account, token, host), 502
 * `{error: 'request failed'}`. Its own scope parses bodies as text, so bad JSON gets CPA's `invalid body`.
 */
export function registerApiCallRoute(app: FastifyInstance, context: ManagementContext, deps: ApiCallDeps): void {
  void app.register(async (scope) => {
    scope.removeContentTypeParser(['application/json', 'text/plain']);
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: bodyLimitBytes }, (_request, body, done) => done(null, body));
    scope.post(`${MANAGEMENT_PREFIX}/api-call`, async (request, reply) => {
      const body = readApiCallBody(request.body);
      if (!body.ok) return reply.code(400).send({ error: body.error });
      return performApiCall(context, deps, body.value, reply);
    });
  });
}

async function performApiCall(context: ManagementContext, deps: ApiCallDeps, call: ApiCallRequest, reply: FastifyReply): Promise<FastifyReply> {
  const account = call.authIndex === '' ? null : findAccount(context, '', call.authIndex);
  const headers = await substituteToken(call, account, deps);
  if (!headers.ok) return reply.code(400).send({ error: headers.error });
  let dispatcher;
  try {
    // CPA's order: the request's proxy_url, then the account's, then the global proxy-url, else direct.
    dispatcher = deps.dispatchers.get(call.proxyUrl || accountProxy(account), context.getRuntime().config.proxyUrl);
  } catch {
    return reply.code(call.proxyUrl ? 400 : 502).send({ error: call.proxyUrl ? 'invalid proxy_url' : 'request failed' });
  }
  const outcome = await sendApiCall({ method: call.method, url: call.url, headers: headers.value, body: call.data, dispatcher, timeoutMs: deps.timeoutMs ?? 60_000 });
  // Origin and status only: the path, query and headers may carry keys.
  context.logger.debug({ method: call.method, origin: call.url.origin, status: outcome.ok ? outcome.value.status_code : outcome.kind }, 'management api-call');
  if (outcome.ok) return reply.header('cache-control', 'no-store').send(outcome.value);
  if (outcome.kind === 'invalid-request') return reply.code(400).send({ error: 'failed to build request' });
  return reply.code(502).send({ error: 'request failed' });
}

type HeaderResult = { ok: true; value: Record<string, string> } | { ok: false; error: string };

/**
 * Without `$TOKEN$`, or without an `auth_index`, the headers go as given (CPA). Otherwise the account must
 * exist, be routable, own the URL's origin, and yield a token; each failure is a 400 that says which.
 */
async function substituteToken(call: ApiCallRequest, account: FileAccount | ConfigAccount | null, deps: ApiCallDeps): Promise<HeaderResult> {
  const names = Object.keys(call.header).filter((name) => call.header[name]?.includes(tokenMarker));
  if (names.length === 0 || call.authIndex === '') return { ok: true, value: call.header };
  if (account === null) return { ok: false, error: 'auth not found' };
  const credential = accountCredential(account);
  if (!credential) return { ok: false, error: unusableAccountMessage(account) };
  const origins = credentialTokenOrigins(credential, deps.providerUrls);
  if (!origins.includes(call.url.origin)) {
    return { ok: false, error: `token not sent: ${call.url.origin} is not a host of this account's provider (${origins.join(', ')}); $TOKEN$ is only replaced in requests to those` };
  }
  let token: string;
  try {
    token = credential.oauth ? await credential.oauth.accessToken() : credential.apiKey;
  } catch {
    return { ok: false, error: 'auth token refresh failed' };
  }
  if (token === '') return { ok: false, error: 'auth token not found' };
  const value = { ...call.header };
  for (const name of names) value[name] = (value[name] ?? '').split(tokenMarker).join(token);
  return { ok: true, value };
}

/** Every credential of a file shares its token and base URL (a Gemini project list): the first stands for all. */
function accountCredential(account: FileAccount | ConfigAccount): Credential | undefined {
  return account.kind === 'config' ? account.credential : account.credentials[0];
}

function unusableAccountMessage(account: FileAccount | ConfigAccount): string {
  if (account.kind === 'file' && account.record?.disabled) return 'auth token not available: the account is disabled';
  if (account.kind === 'file' && account.record?.needsRelogin) return 'auth token refresh failed: the account needs a new login';
  return 'auth token not available: this account is not in use (unreadable file or unsupported provider)';
}

function accountProxy(account: FileAccount | ConfigAccount | null): string {
  if (account === null) return '';
  return account.kind === 'config' ? account.credential.proxyUrl : (account.record?.proxyUrl ?? '');
}
