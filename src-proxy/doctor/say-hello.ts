import { performance } from 'node:perf_hooks';
import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import type { DoctorHello } from '../../src-shared/control/doctor-types';
import type { CanonicalRequest } from '../canonical/index';
import { dispatchUpstream } from '../http/dispatch-upstream';
import { upstreamErrorMessage } from '../http/upstream-error-message';
import { upstreamNetworkError } from '../http/upstream-network-error';
import { getUpstreamCodec } from '../protocols/codec-registry';
import type { ProviderDefinition } from '../providers/provider-definition';
import { isNeedsReloginError } from '../routing/account-needs-login-error';
import type { Credential } from '../routing/credential';
import { helloModelOf } from './hello-model';

export interface HelloOptions {
  /** The account's outbound route (its `proxy-url`, else the global one). */
  dispatcher: Dispatcher;
  timeoutMs: number;
  now(): number;
  generateId(prefix: string): string;
  /** Told about the answer (the quota service reads its headers, as for any proxied answer). */
  onResponse?(status: number, headers: IncomingHttpHeaders, errorBody?: string): void;
}

/** What the hello result says about the account besides the outcome. */
export interface HelloSubject {
  account: string;
  label: string;
}

/**
 * One tiny completion ("Hi", at most 1 output token, the provider's cheapest model) through exactly this
 * credential: its provider's own request builder, token and proxy. Exactly one upstream request at most:
 * unlike proxied requests, a 401 is reported as it is, not refreshed and retried, and an account that
 * cannot produce a token sends nothing.
 */
export async function sayHello(credential: Credential, provider: ProviderDefinition, subject: HelloSubject, options: HelloOptions): Promise<DoctorHello> {
  const model = helloModelOf(credential, provider) ?? null;
  const result = (outcome: Pick<DoctorHello, 'ok' | 'latencyMs' | 'status' | 'error'>): DoctorHello => ({ ...subject, provider: credential.provider, model, ...outcome, checkedAt: options.now() });
  if (model === null) return result({ ok: false, latencyMs: null, status: null, error: 'No model to ask: this entry lists no `models` and its provider has no known cheap model. Add one under `models`.' });
  let apiKey = credential.apiKey;
  if (credential.oauth) {
    try {
      apiKey = await credential.oauth.accessToken();
    } catch (error) {
      const message = isNeedsReloginError(error) ? 'The account needs a new login: its token cannot be renewed.' : 'No access token: renewing it failed (see the account status).';
      return result({ ok: false, latencyMs: null, status: null, error: message });
    }
  }
  const upstream = buildHelloRequest({ ...credential, apiKey }, provider, model, options);
  const signal = AbortSignal.timeout(options.timeoutMs);
  const started = performance.now();
  try {
    const exchange = await dispatchUpstream(upstream, options.dispatcher, signal);
    const body = (await exchange.readAll()).toString('utf8');
    const latencyMs = Math.round(performance.now() - started);
    const failed = exchange.status < 200 || exchange.status >= 300;
    options.onResponse?.(exchange.status, exchange.headers, failed ? body : undefined);
    if (failed) return result({ ok: false, latencyMs, status: exchange.status, error: upstreamErrorMessage(body, exchange.status) });
    // An always-streaming upstream (Codex) can report its failure inside a 200 stream.
    const assembled = provider.assembleBufferedReply?.(body);
    if (assembled && !assembled.ok) return result({ ok: false, latencyMs, status: assembled.status, error: assembled.message });
    return result({ ok: true, latencyMs, status: exchange.status, error: null });
  } catch (error) {
    const message = signal.aborted ? `No answer within ${Math.round(options.timeoutMs / 1000)} s.` : upstreamNetworkError(error, signal).message;
    return result({ ok: false, latencyMs: null, status: null, error: message });
  }
}

/** The request a client asking "Hi" with one output token would cause, encoded for the provider's wire. */
function buildHelloRequest(credential: Credential, provider: ProviderDefinition, model: string, options: HelloOptions) {
  const canonical: CanonicalRequest = { model, system: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }], tools: [], maxOutputTokens: 1, stream: false };
  const context = { generateId: options.generateId, now: options.now };
  const encoded = getUpstreamCodec(provider.wire).encodeRequest(canonical, context);
  const prepared = provider.prepareBody?.(encoded.body, credential, {}, { operation: 'generate', clientWire: provider.wire, clientBody: encoded.body, generateId: options.generateId });
  return provider.buildRequest(credential, { operation: 'generate', model, stream: false, cloak: prepared?.cloak }, JSON.stringify(encoded.body), {});
}
