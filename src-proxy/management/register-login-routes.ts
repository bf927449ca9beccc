import type { FastifyInstance, FastifyReply } from 'fastify';
import type { LoginSessions } from '../engine/login-sessions';
import { MANAGEMENT_PREFIX } from './create-management-guard';

/** Paths that skip the management key: a pending login's `state` is their guard instead (spec 0.1). */
export const oauthCallbackPath = `${MANAGEMENT_PREFIX}/oauth-callback`;

interface CallbackInput {
  provider?: unknown;
  redirect_url?: unknown;
  code?: unknown;
  state?: unknown;
  error?: unknown;
}

/**
 * CLIProxyAPI's login routes (spec 0.1) over `engine.logins`:
 *   GET    /anthropic-auth-url            -> {status:'ok', url, state}
 *   GET    /get-auth-status?state=        -> {status:'wait'} | {status:'ok'} | {status:'error', error}
 *   DELETE /oauth-session?state=          -> {status:'ok', cancelled}
 *   POST   /oauth-callback {provider, redirect_url | code, state, error}  (also GET with a query)
 * Only Claude so far; other providers' `*-auth-url` routes do not exist yet (404).
 */
export function registerLoginRoutes(app: FastifyInstance, logins: LoginSessions): void {
  app.get(`${MANAGEMENT_PREFIX}/anthropic-auth-url`, async (_request, reply) => {
    try {
      const { url, state } = await logins.start('anthropic');
      return noStore(reply).send({ status: 'ok', url, state });
    } catch (error) {
      return noStore(reply).code(500).send({ status: 'error', error: error instanceof Error ? error.message : 'Login could not start' });
    }
  });
  // Spec 4.1: a device flow; url = verification_uri_complete, plus the code the user confirms there.
  app.get(`${MANAGEMENT_PREFIX}/qwen-auth-url`, async (_request, reply) => {
    try {
      const { url, state, userCode, expiresIn } = await logins.start('qwen');
      return noStore(reply).send({ status: 'ok', url, state, user_code: userCode, expires_in: expiresIn });
    } catch (error) {
      return noStore(reply).code(500).send({ status: 'error', error: error instanceof Error ? error.message : 'Login could not start' });
    }
  });
  // Spec 2.1: Codex's PKCE login, callback on the loopback server (1455, /auth/callback) or pasted.
  app.get(`${MANAGEMENT_PREFIX}/codex-auth-url`, async (_request, reply) => {
    try {
      const { url, state } = await logins.start('codex');
      return noStore(reply).send({ status: 'ok', url, state });
    } catch (error) {
      return noStore(reply).code(500).send({ status: 'error', error: error instanceof Error ? error.message : 'Login could not start' });
    }
  });
  // Spec 5.1: iFlow OAuth (state ifl-<nanos>); the loopback callback or a pasted callback URL finishes it.
  app.get(`${MANAGEMENT_PREFIX}/iflow-auth-url`, async (_request, reply) => {
    try {
      const { url, state } = await logins.start('iflow');
      return noStore(reply).send({ status: 'ok', url, state });
    } catch (error) {
      return noStore(reply).code(500).send({ status: 'error', error: error instanceof Error ? error.message : 'Login could not start' });
    }
  });
  // Spec 3.1: Gemini CLI's Google login (state gem-<nanos>); project_id = the project to onboard (empty: discover).
  app.get<{ Querystring: { project_id?: string } }>(`${MANAGEMENT_PREFIX}/gemini-cli-auth-url`, async (request, reply) => {
    try {
      const { url, state } = await logins.start('gemini', { projectId: typeof request.query.project_id === 'string' ? request.query.project_id : '' });
      return noStore(reply).send({ status: 'ok', url, state });
    } catch (error) {
      return noStore(reply).code(500).send({ status: 'error', error: error instanceof Error ? error.message : 'Login could not start' });
    }
  });
  app.get<{ Querystring: { state?: string } }>(`${MANAGEMENT_PREFIX}/get-auth-status`, async (request, reply) => {
    const state = request.query.state;
    if (!state) return noStore(reply).send({ status: 'ok' });
    const status = logins.status(state);
    // CPA's ok carries no details; the email is not secret and helps the UI name the new account.
    return noStore(reply).send(status);
  });
  app.delete<{ Querystring: { state?: string } }>(`${MANAGEMENT_PREFIX}/oauth-session`, async (request, reply) =>
    noStore(reply).send({ status: 'ok', cancelled: logins.cancel(request.query.state ?? '') }),
  );
  const submit = (input: CallbackInput, reply: FastifyReply) => {
    const provider = typeof input.provider === 'string' ? input.provider.toLowerCase() : '';
    if (provider !== 'anthropic' && provider !== 'claude' && provider !== 'codex' && provider !== 'openai' && provider !== 'iflow' && provider !== 'gemini' && provider !== 'gemini-cli' && provider !== 'google') return noStore(reply).code(400).send({ status: 'error', error: 'unknown provider' });
    const redirectUrl = text(input.redirect_url);
    let state = text(input.state);
    if (redirectUrl && !state) state = stateOf(redirectUrl);
    const result = logins.submitCallback({
      state,
      ...(redirectUrl ? { redirectUrl } : {}),
      ...(text(input.code) ? { code: text(input.code) } : {}),
      ...(text(input.error) ? { error: text(input.error) } : {}),
    });
    return result.ok ? noStore(reply).send({ status: 'ok' }) : noStore(reply).code(result.httpStatus).send({ status: 'error', error: result.error });
  };
  app.post<{ Body: CallbackInput }>(oauthCallbackPath, async (request, reply) => submit(request.body ?? {}, reply));
  app.get<{ Querystring: CallbackInput }>(oauthCallbackPath, async (request, reply) => submit(request.query, reply));
}

function stateOf(redirectUrl: string): string {
  try {
    return new URL(redirectUrl).searchParams.get('state') ?? '';
  } catch {
    return '';
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function noStore(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store');
}
