import { startFakeAnthropicUpstream } from '../../fakes/fake-anthropic-upstream';
import { startFakeGeminiUpstream } from '../../fakes/fake-gemini-upstream';
import { startFakeOpenAIUpstream } from '../../fakes/fake-openai-upstream';
import { startFakeResponsesUpstream } from '../../fakes/fake-responses-upstream';
import type { RecordedRequest } from '../../fakes/fake-openai-types';

/** One fake provider per upstream wire, each reachable through its own model alias. */
export interface MatrixUpstream {
  kind: 'openai-chat' | 'anthropic' | 'gemini' | 'responses';
  /** The model name clients ask for to reach this upstream. */
  model: string;
  /** What the fake answers by default. */
  greeting: string;
  requests: RecordedRequest[];
  config: Record<string, unknown>;
  /** True when the upstream body carries an image in this wire's own shape. */
  sawImage(body: unknown): boolean;
  close(): Promise<void>;
}

export async function startMatrixUpstreams(): Promise<MatrixUpstream[]> {
  const openai = await startFakeOpenAIUpstream({ name: 'openai-up' });
  const anthropic = await startFakeAnthropicUpstream({ name: 'anthropic-up' });
  const gemini = await startFakeGeminiUpstream({ name: 'gemini-up', textSignature: true });
  // A codex-api-key is a key for the Codex backend: the strict fake refuses what the real backend refuses.
  const responses = await startFakeResponsesUpstream({ name: 'responses-up', strictCodex: true });
  const text = (body: unknown) => JSON.stringify(body);
  return [
    {
      kind: 'openai-chat',
      model: 'via-openai',
      greeting: 'Hello from openai-up',
      requests: openai.requests,
      config: { 'openai-compatibility': [{ name: 'oa', 'base-url': openai.baseUrl, 'api-key-entries': [{ 'api-key': 'k-oa' }], models: [{ name: 'oa-model', alias: 'via-openai' }] }] },
      sawImage: (body) => text(body).includes('"image_url"'),
      close: () => openai.close(),
    },
    {
      kind: 'anthropic',
      model: 'via-anthropic',
      greeting: 'Hello from anthropic-up',
      requests: anthropic.requests,
      config: { 'claude-api-key': [{ 'api-key': 'k-an', 'base-url': anthropic.baseUrl, models: [{ name: 'claude-sonnet-4-5', alias: 'via-anthropic' }] }] },
      sawImage: (body) => text(body).includes('"type":"image"'),
      close: () => anthropic.close(),
    },
    {
      kind: 'gemini',
      model: 'via-gemini',
      greeting: 'Hello from gemini-up',
      requests: gemini.requests,
      config: { 'gemini-api-key': [{ 'api-key': 'k-ge', 'base-url': gemini.baseUrl, models: [{ name: 'gemini-2.5-flash', alias: 'via-gemini' }] }] },
      sawImage: (body) => /"inline_?[dD]ata"/.test(text(body)),
      close: () => gemini.close(),
    },
    {
      kind: 'responses',
      model: 'via-responses',
      greeting: 'Hello from responses-up',
      requests: responses.requests,
      config: { 'codex-api-key': [{ 'api-key': 'k-re', 'base-url': responses.codexBaseUrl, models: [{ name: 'gpt-5.4', alias: 'via-responses' }] }] },
      sawImage: (body) => text(body).includes('"input_image"'),
      close: () => responses.close(),
    },
  ];
}

/** A 1x1 PNG. */
export const tinyPng =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

export const weatherQuestion = 'What is the weather in Paris?';
export const weatherSchema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
