import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseCallbackQuery, parseCallbackUrl, type CallbackResult } from './callback-result';

export interface LoopbackCallbackOptions {
  /** 0 picks a free port (tests). */
  port: number;
  /** e.g. '/callback'. */
  path: string;
  expectedState: string;
  /** docs/providers.md#starting-a-login-from-the-management-api: CLI flows wait 5 minutes. */
  timeoutMs?: number;
}

/** A login started from the web UI (`?is_webui=true`, docs/providers.md#starting-a-login-from-the-management-api). */
export interface WebUiForwarding {
  /**
   * The engine's own `/<provider>/callback` URL: the listener then forwards the browser there (302 with the
   * original query) instead of taking the code itself; the route hands it to the login session.
   */
  forwardTo?: string;
}

export interface LoopbackCallback {
  /** null when the port was busy: only a pasted URL can complete the login. */
  port: number | null;
  /** Resolves with the code; rejects on the provider's error, timeout or cancel. The server is closed by then. */
  result: Promise<{ code: string; state: string }>;
  /** A pasted callback URL; false (ignored) when it is not a callback for this login's state. */
  submitPastedUrl(text: string): boolean;
  cancel(reason?: string): void;
}

const page = (title: string, text: string) => `<!doctype html><meta charset="utf-8"><title>${title}</title><p>${text}</p>`;

/**
 * The browser's landing point for a PKCE login (docs/providers.md#claude-login). Listens on 127.0.0.1
 * only, answers only a callback whose `state` is this login's (anything else gets 400 and the login keeps
 * waiting, so a stray or forged request cannot end it), and closes after success, error or timeout.
 * With `forwardTo` it is CPA's web-UI callback forwarder: a callback for this state, on any path, is
 * redirected to the engine's callback route; the login then completes through `submitPastedUrl`.
 */
export async function startLoopbackCallback(options: LoopbackCallbackOptions & WebUiForwarding): Promise<LoopbackCallback> {
  let settle: (outcome: { ok: true; code: string; state: string } | { ok: false; error: Error }) => void = () => undefined;
  const outcome = new Promise<{ ok: true; code: string; state: string } | { ok: false; error: Error }>((resolve) => {
    settle = resolve;
  });
  let done = false;
  const finish = (result: CallbackResult | Error): void => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    if (server.listening) {
      server.close();
      server.closeAllConnections();
    }
    if (result instanceof Error) settle({ ok: false, error: result });
    else if ('error' in result) settle({ ok: false, error: new Error(`The provider returned an error: ${result.error}`) });
    else settle({ ok: true, code: result.code, state: result.state });
  };
  const accept = (result: CallbackResult | null): result is CallbackResult => result !== null && result.state === options.expectedState;

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (options.forwardTo !== undefined) return forward(response, url, options.forwardTo, accept(parseCallbackQuery(url.searchParams)));
    if (url.pathname === '/success') return reply(response, 200, page('Login complete', 'Login complete. You can close this window.'));
    if (url.pathname !== options.path) return reply(response, 404, page('Not found', 'Not found.'));
    const result = parseCallbackQuery(url.searchParams);
    if (!accept(result)) return reply(response, 400, page('Login failed', 'Missing code or unexpected state.'));
    if ('error' in result) reply(response, 400, page('Login failed', 'The provider reported an error. Return to the terminal.'));
    else {
      response.writeHead(302, { location: '/success', connection: 'close' });
      response.end();
    }
    // Let the reply go out before the server closes its sockets.
    setImmediate(() => finish(result));
  });
  // A busy port (another login, a remote machine's forwarded port) leaves the pasted URL as the way in.
  const listening = await new Promise<boolean>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => (error.code === 'EADDRINUSE' ? resolve(false) : reject(error)));
    server.listen(options.port, '127.0.0.1', () => resolve(true));
  });
  const timer = setTimeout(() => finish(new Error('Timeout waiting for OAuth callback')), options.timeoutMs ?? 5 * 60_000);
  return {
    port: listening ? (server.address() as AddressInfo).port : null,
    result: outcome.then((value) => {
      if (!value.ok) throw value.error;
      return { code: value.code, state: value.state };
    }),
    submitPastedUrl(text) {
      const result = parseCallbackUrl(text);
      if (!accept(result)) return false;
      finish(result);
      return true;
    },
    cancel: (reason = 'Login cancelled') => finish(new Error(reason)),
  };
}

/** Web-UI mode: only this login's callback is forwarded, so the listener cannot be used to bounce other requests. */
function forward(response: ServerResponse, url: URL, target: string, expected: boolean): void {
  if (!expected) return reply(response, 400, page('Login failed', 'Missing code or unexpected state.'));
  response.writeHead(302, { location: `${target}${url.search}`, connection: 'close' });
  response.end();
}

function reply(response: ServerResponse, status: number, html: string): void {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', connection: 'close' });
  response.end(html);
}
