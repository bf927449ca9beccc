/**
 * One engine in front of the four fake upstreams, two keys each (`k1` preferred, then `k2`: fill-first,
 * no cooldowns, no extra retry rounds), and the four client protocols described as data: how to ask
 * for a stream or a buffered answer, and how the protocol marks an error inside a stream it committed.
 */
import { request } from 'undici';
import { startFakeAnthropicUpstream, type FakeAnthropicUpstream } from '../fakes/fake-anthropic-upstream';
import { startFakeGeminiUpstream, type FakeGeminiUpstream } from '../fakes/fake-gemini-upstream';
import { startFakeOpenAIUpstream } from '../fakes/fake-openai-upstream';
import type { FakeOpenAIUpstream } from '../fakes/fake-openai-types';
import { startFakeResponsesUpstream, type FakeResponsesUpstream } from '../fakes/fake-responses-upstream';
import type { RecordedRequest } from '../fakes/fake-upstream-types';
import { compatEntry, startTestEngine, testClientKey, type TestEngine } from '../integration/start-test-engine';

export type ClientProtocol = 'openai-chat' | 'anthropic' | 'gemini' | 'responses';
export const clientProtocols: readonly ClientProtocol[] = ['openai-chat', 'anthropic', 'gemini', 'responses'];

/** The model alias each upstream serves, named after the protocol it speaks. */
export const modelFor: Record<ClientProtocol, string> = { 'openai-chat': 'f-chat', anthropic: 'f-claude', gemini: 'f-gemini', responses: 'f-resp' };

/** The name each fake puts in its default reply (`Hello from <name>`). */
export const fakeNameFor: Record<ClientProtocol, string> = { 'openai-chat': 'oa', anthropic: 'an', gemini: 'ge', responses: 're' };

export interface FourUpstreams {
  proxy: TestEngine;
  openai: FakeOpenAIUpstream;
  anthropic: FakeAnthropicUpstream;
  gemini: FakeGeminiUpstream;
  responses: FakeResponsesUpstream;
  reset(): void;
  close(): Promise<void>;
}

export async function startFourUpstreams(extraConfig: Record<string, unknown> = {}): Promise<FourUpstreams> {
  const [openai, anthropic, gemini, responses] = await Promise.all([
    startFakeOpenAIUpstream({ name: fakeNameFor['openai-chat'] }),
    startFakeAnthropicUpstream({ name: fakeNameFor.anthropic }),
    startFakeGeminiUpstream({ name: fakeNameFor.gemini }),
    startFakeResponsesUpstream({ name: fakeNameFor.responses }),
  ]);
  const keyed = (baseUrl: string, name: string, alias: string) =>
    ['k1', 'k2'].map((key, index) => ({ 'api-key': key, 'base-url': baseUrl, priority: 1 - index, models: [{ name, alias }] }));
  const proxy = await startTestEngine({
    routing: { strategy: 'fill-first' },
    'disable-cooling': true,
    'request-retry': 0,
    'openai-compatibility': ['k1', 'k2'].map((key, index) => compatEntry(`oa-${key}`, openai.baseUrl, [key], { priority: 1 - index, models: [{ name: 'oa-model', alias: modelFor['openai-chat'] }] })),
    'claude-api-key': keyed(anthropic.baseUrl, 'claude-sonnet-4-5', modelFor.anthropic),
    'gemini-api-key': keyed(gemini.baseUrl, 'gemini-2.5-flash', modelFor.gemini),
    'codex-api-key': keyed(responses.baseUrl, 'gpt-5.4', modelFor.responses),
    ...extraConfig,
  });
  const fakes = [openai, anthropic, gemini, responses];
  return {
    proxy,
    openai,
    anthropic,
    gemini,
    responses,
    reset: () => fakes.forEach((fake) => fake.reset()),
    close: async () => {
      await proxy.close();
      await Promise.all(fakes.map((fake) => fake.close()));
    },
  };
}

/** The upstream key a recorded request carried, whatever the wire's way of sending it. */
export function upstreamKeyOf(seen: RecordedRequest): string | undefined {
  return seen.headers['x-api-key'] ?? seen.headers['x-goog-api-key'] ?? seen.headers.authorization?.replace(/^Bearer /, '') ?? new URL(seen.path, 'http://x').searchParams.get('key') ?? undefined;
}

interface ClientCall {
  path: string;
  body: Record<string, unknown>;
}

function clientCall(protocol: ClientProtocol, model: string, stream: boolean): ClientCall {
  const text = 'hi';
  switch (protocol) {
    case 'openai-chat':
      return { path: '/v1/chat/completions', body: { model, stream, messages: [{ role: 'user', content: text }] } };
    case 'anthropic':
      return { path: '/v1/messages', body: { model, stream, max_tokens: 64, messages: [{ role: 'user', content: text }] } };
    case 'gemini':
      return { path: `/v1beta/models/${model}:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`, body: { contents: [{ role: 'user', parts: [{ text }] }] } };
    case 'responses':
      return { path: '/v1/responses', body: { model, stream, input: text } };
    default: {
      const unknownProtocol: never = protocol;
      throw new Error(`unknown protocol ${String(unknownProtocol)}`);
    }
  }
}

export interface ClientAnswer {
  status: number;
  text: string;
  elapsedMs: number;
}

/** One call in `protocol`'s own shape to the model `model`; the whole answer is read. */
export async function callAs(proxy: TestEngine, protocol: ClientProtocol, model: string, stream = true): Promise<ClientAnswer> {
  const call = clientCall(protocol, model, stream);
  const started = Date.now();
  const response = await request(`${proxy.origin}${call.path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${testClientKey}`, 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
    body: JSON.stringify(call.body),
  });
  const text = await response.body.text();
  return { status: response.statusCode, text, elapsedMs: Date.now() - started };
}

/** The SSE `data:` payloads of a stream, parsed where they are JSON. */
export function dataEvents(text: string): unknown[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice(5).trim())
    .filter((payload) => payload !== '[DONE]')
    .map((payload) => JSON.parse(payload) as unknown);
}

/** True when the committed stream ends with the protocol's in-stream error (docs/errors.md). */
export function endsWithInStreamError(protocol: ClientProtocol, text: string): boolean {
  const last = dataEvents(text).at(-1) as Record<string, unknown> | undefined;
  switch (protocol) {
    case 'openai-chat':
      return typeof (last?.error as { message?: unknown } | undefined)?.message === 'string';
    case 'anthropic':
      return /event: error\n/.test(text) && last?.type === 'error';
    case 'gemini':
      return typeof (last?.error as { code?: unknown } | undefined)?.code === 'number';
    case 'responses':
      return last?.type === 'error' || last?.type === 'response.failed';
    default: {
      const unknownProtocol: never = protocol;
      throw new Error(`unknown protocol ${String(unknownProtocol)}`);
    }
  }
}

/** True when `body` is an error in the protocol's own JSON error format. */
export function isClientErrorBody(protocol: ClientProtocol, body: unknown): boolean {
  const error = (body as { error?: Record<string, unknown> } | null)?.error;
  if (typeof error !== 'object' || error === null || typeof error.message !== 'string') return false;
  switch (protocol) {
    case 'openai-chat':
    case 'responses':
      return typeof error.type === 'string';
    case 'anthropic':
      return (body as { type?: unknown }).type === 'error' && typeof error.type === 'string';
    case 'gemini':
      return typeof error.code === 'number' && typeof error.status === 'string';
    default: {
      const unknownProtocol: never = protocol;
      throw new Error(`unknown protocol ${String(unknownProtocol)}`);
    }
  }
}

/** The client learnt of the failure in its own protocol: an in-stream error once committed, else an HTTP error. */
export function reportsFailure(protocol: ClientProtocol, answer: ClientAnswer): boolean {
  if (answer.status === 200) return endsWithInStreamError(protocol, answer.text);
  return answer.status >= 500 && isClientErrorBody(protocol, JSON.parse(answer.text));
}
