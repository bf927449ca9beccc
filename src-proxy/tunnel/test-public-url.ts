import type { TunnelTestResult } from '../../src-shared/control/tunnel-types';
import { loadUndici } from '../http/undici-lean';

export interface PublicUrlTest {
  /** The public address (https://….trycloudflare.com); the call goes there, as Cursor's would. */
  publicUrl: string;
  key: string;
  /** Ask this model for a one-word answer; omitted = list the models. */
  model?: string | undefined;
  /** Where a public address is really reached; the identity outside tests (tests map the fake's hostname to its port). */
  resolveOrigin(publicUrl: string): Promise<string>;
  timeoutMs: number;
  now(): number;
}

/**
 * Calls the public URL from here the way Cursor's servers do: `POST /v1/chat/completions` with the
 * public key as Bearer token (Cursor appends /chat/completions to the base URL it is given), or
 * `GET /v1/models` when no model is named. Never throws: the result says what happened.
 */
export async function testPublicUrl(test: PublicUrlTest): Promise<TunnelTestResult> {
  const started = test.now();
  const done = (result: Omit<TunnelTestResult, 'latencyMs'>): TunnelTestResult => ({ ...result, latencyMs: Math.max(0, test.now() - started) });
  let response;
  try {
    const origin = (await test.resolveOrigin(test.publicUrl)).replace(/\/+$/, '');
    const headers = { authorization: `Bearer ${test.key}`, 'content-type': 'application/json' };
    const signal = AbortSignal.timeout(test.timeoutMs);
    const { fetch } = await loadUndici();
    response = test.model
      ? await fetch(`${origin}/v1/chat/completions`, { method: 'POST', headers, signal, body: JSON.stringify({ model: test.model, messages: [{ role: 'user', content: 'Reply with the single word OK.' }], max_tokens: 16, stream: false }) })
      : await fetch(`${origin}/v1/models`, { headers, signal });
  } catch (error) {
    return done({ ok: false, status: null, answer: null, error: `${test.publicUrl} did not answer: ${describe(error)}.` });
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) return done({ ok: false, status: response.status, answer: null, error: errorMessage(body) ?? `HTTP ${response.status}` });
  return done({ ok: true, status: response.status, answer: test.model ? chatAnswer(body) : modelList(body), error: null });
}

function chatAnswer(body: unknown): string {
  const choices = (body as { choices?: Array<{ message?: { content?: unknown } }> } | null)?.choices;
  const content = choices?.[0]?.message?.content;
  return typeof content === 'string' ? content.trim().slice(0, 500) : '(an answer without text)';
}

function modelList(body: unknown): string {
  const data = (body as { data?: Array<{ id?: unknown }> } | null)?.data ?? [];
  const ids = data.map((model) => model.id).filter((id): id is string => typeof id === 'string');
  return ids.length === 0 ? 'The URL answers, but lists no models: add an account first.' : `${ids.length} models: ${ids.slice(0, 8).join(', ')}${ids.length > 8 ? ', …' : ''}`;
}

function errorMessage(body: unknown): string | null {
  const error = (body as { error?: { message?: unknown } } | null)?.error;
  return typeof error?.message === 'string' ? error.message.slice(0, 500) : null;
}

function describe(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'no answer in time';
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
  return cause || (error instanceof Error ? error.message : String(error));
}
