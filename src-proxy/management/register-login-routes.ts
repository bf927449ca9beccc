import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { loginDeclarations, normalizeLoginProvider, webUiCallbackPaths, type LoginProvider, type LoginSessions } from '../logins/login-sessions';
import { MANAGEMENT_PREFIX } from './create-management-guard';
import { loginFailureMessage } from '../providers/oauth/login-failure-message';

/** Paths that skip the management key: a pending login's `state` is their guard instead (docs/providers.md#starting-a-login-from-the-management-api). */
export const oauthCallbackPath = `${MANAGEMENT_PREFIX}/oauth-callback`;

interface CallbackInput {
  provider?: unknown;
  redirect_url?: unknown;
  code?: unknown;
  state?: unknown;
  error?: unknown;
  error_description?: unknown;
}

interface AuthUrlQuery {
  project_id?: string;
  is_webui?: string;
}

/**
 * CLIProxyAPI's login routes (docs/providers.md#starting-a-login-from-the-management-api) over `engine.logins`, one set per login provider of the registry
 * (each declares its route names, `auth.login`):
 *   GET    /<provider>-auth-url[?is_webui=true][&project_id=]  -> {status:'ok', url, state}
 *          (a device flow adds flow:'device', user_code and expires_in; `takesProjectId` logins read project_id)
 *   POST   /<provider>-auth-url {cookie}   -> {status:'ok', email, file} (`cookieLogin` providers; the refusal's status)
 *   GET    /get-auth-status?state=        -> {status:'wait'} | {status:'ok'} | {status:'error', error}
 *   DELETE /oauth-session?state=          -> {status:'ok', cancelled}
 *   POST   /oauth-callback {provider, redirect_url | code, state, error}  (also GET with a query)
 *   GET    each provider's `webUiCallbackPath`, e.g. /anthropic/callback (main server, web-UI
 *          mode: the callback listener forwards the browser here) -> a small HTML page
 * The callback routes skip the management key: only a pending login's state completes anything.
 */
export function registerLoginRoutes(app: FastifyInstance, logins: LoginSessions): void {
  for (const { authUrlRoute, name: provider, takesProjectId, cookieLogin } of loginDeclarations()) {
    app.get<{ Querystring: AuthUrlQuery }>(`${MANAGEMENT_PREFIX}/${authUrlRoute}`, async (request, reply) => {
      try {
        const started = await logins.start(provider, {
          ...(takesProjectId ? { projectId: request.query.project_id ?? '' } : {}),
          ...(isWebUi(request.query.is_webui) ? { webUiOrigin: ownOrigin(request) } : {}),
        });
        // CPA's device-flow answer (Kimi, xAI) names the flow; the extra field is harmless to a Qwen client.
        const device = started.userCode !== undefined ? { flow: 'device', user_code: started.userCode, expires_in: started.expiresIn } : {};
        return noStore(reply).send({ status: 'ok', url: started.url, state: started.state, ...device });
      } catch (error) {
        return noStore(reply).code(500).send({ status: 'error', error: error instanceof Error ? error.message : 'Login could not start' });
      }
    });
    if (cookieLogin) {
      app.post<{ Body: { cookie?: unknown } }>(`${MANAGEMENT_PREFIX}/${authUrlRoute}`, async (request, reply) => {
        try {
          const saved = await logins.loginWithCookie(provider, text(request.body?.cookie));
          return noStore(reply).send({ status: 'ok', email: saved.email, file: saved.accountId });
        } catch (error) {
          const status = cookieLogin.statusOf(error) ?? 500;
          return noStore(reply).code(status).send({ status: 'error', error: loginFailureMessage(error) });
        }
      });
    }
  }
  app.get<{ Querystring: { state?: string } }>(`${MANAGEMENT_PREFIX}/get-auth-status`, async (request, reply) => {
    const state = request.query.state;
    if (!state) return noStore(reply).send({ status: 'ok' });
    // CPA's ok carries no details; the email is not secret and helps the UI name the new account.
    return noStore(reply).send(logins.status(state));
  });
  app.delete<{ Querystring: { state?: string } }>(`${MANAGEMENT_PREFIX}/oauth-session`, async (request, reply) =>
    noStore(reply).send({ status: 'ok', cancelled: logins.cancel(request.query.state ?? '') }),
  );
  const submit = (input: CallbackInput, reply: FastifyReply) => {
    const provider = normalizeLoginProvider(text(input.provider));
    // A device flow (no web-UI callback route) has no callback to submit.
    if (!provider || webUiCallbackPaths[provider] === undefined) return noStore(reply).code(400).send({ status: 'error', error: 'unknown provider' });
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
  for (const [provider, path] of Object.entries(webUiCallbackPaths) as Array<[LoginProvider, string]>) {
    app.get<{ Querystring: CallbackInput }>(path, async (request, reply) => {
      const error = text(request.query.error) || text(request.query.error_description);
      const result = logins.submitCallback({ state: text(request.query.state), provider, ...(text(request.query.code) ? { code: text(request.query.code) } : {}), ...(error ? { error } : {}) });
      if (!result.ok) return htmlPage(reply, result.httpStatus, 'Login failed', 'This login link is not valid any more. Start the login again.');
      return error ? htmlPage(reply, 400, 'Login failed', 'The provider reported an error. Return to the app.') : htmlPage(reply, 200, 'Login complete', 'Login complete. You can close this window.');
    });
  }
}

/** `is_webui=true|1|yes|on` (docs/providers.md#starting-a-login-from-the-management-api). */
function isWebUi(value: string | undefined): boolean {
  return /^(true|1|yes|on)$/i.test(value?.trim() ?? '');
}

/** CPA forwards to `http(s)://127.0.0.1:<port>`: this request's own port, so a listener on port 0 works too. */
function ownOrigin(request: FastifyRequest): string {
  return `${request.protocol}://127.0.0.1:${request.socket.localPort ?? 0}`;
}

function htmlPage(reply: FastifyReply, status: number, title: string, message: string): FastifyReply {
  return noStore(reply).code(status).type('text/html; charset=utf-8').send(`<!doctype html><meta charset="utf-8"><title>${title}</title><p>${message}</p>`);
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
