import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { claudeBillingHeader } from '../../src-proxy/providers/claude-api/claude-billing-header';
import { startFakeAnthropicUpstream } from '../fakes/fake-anthropic-upstream';
import type { FakeAnthropicUpstream } from '../fakes/fake-anthropic-types';
import { startTestEngine, testClientKey, type TestEngine } from './start-test-engine';

/**
 * Claude Code cloaking for `claude-api-key` entries (docs/providers.md#claude-cloaking), end to end: real SDK clients,
 * the engine, and the fake Anthropic upstream recording what it was sent.
 */
const identity = "You are Claude Code, Anthropic's official CLI for Claude.";
const claudeCodeUserAgent = 'claude-cli/2.1.221 (external, cli)';
const zw = '\u200b';

let upstream: FakeAnthropicUpstream;
let proxy: TestEngine;
let openai: OpenAI;
let anthropic: Anthropic;

beforeAll(async () => {
  upstream = await startFakeAnthropicUpstream({ name: 'an' });
  const entry = (key: string, alias: string, extra: Record<string, unknown> = {}) => ({
    'api-key': key,
    'base-url': upstream.baseUrl,
    models: [{ name: 'claude-sonnet-4-6', alias }],
    ...extra,
  });
  proxy = await startTestEngine({
    'disable-cooling': true,
    'claude-api-key': [
      entry('k-cloak', 'cloaked', { cloak: { 'sensitive-words': ['proxy'] } }),
      entry('k-strict', 'strict', { cloak: { mode: 'always', 'strict-mode': true } }),
      entry('k-plain', 'plain'),
    ],
  });
  openai = new OpenAI({ baseURL: proxy.baseUrl, apiKey: testClientKey, maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: proxy.origin, apiKey: testClientKey, maxRetries: 0 });
});

afterAll(async () => {
  await proxy.close();
  await upstream.close();
});

beforeEach(() => upstream.reset());

interface SeenBody {
  system?: unknown;
  messages: Array<{ role: string; content: unknown }>;
  metadata?: { user_id?: string };
  [key: string]: unknown;
}

function lastSeen(): { headers: Record<string, string>; body: SeenBody; path: string } {
  const seen = upstream.requests.at(-1);
  if (!seen) throw new Error('the upstream saw no request');
  return { headers: seen.headers, body: seen.body as SeenBody, path: seen.path };
}

function expectCloakedHeaders(headers: Record<string, string>, sessionId: string): void {
  expect(headers['user-agent']).toBe('claude-cli/2.1.220 (external, cli)');
  expect(headers['x-app']).toBe('cli');
  expect(headers['anthropic-version']).toBe('2023-06-01');
  expect(headers['anthropic-beta']?.split(',')[0]).toBe('claude-code-20250219');
  expect(headers['x-claude-code-session-id']).toBe(sessionId);
  expect(headers['x-api-key'] ?? headers.authorization).toBeDefined();
}

function userIdOf(body: SeenBody): { device_id: string; account_uuid: string; session_id: string } {
  return JSON.parse(body.metadata?.user_id ?? 'null') as { device_id: string; account_uuid: string; session_id: string };
}

describe('an OpenAI SDK client through a cloaked claude-api-key', () => {
  it('reaches the upstream as Claude Code: billing and identity system blocks, its system prompt as a reminder, Claude Code metadata and headers', async () => {
    const completion = await openai.chat.completions.create({
      model: 'cloaked',
      messages: [
        { role: 'system', content: 'You are a terse pirate.' },
        { role: 'user', content: 'Write a haiku about the sea, please' },
      ],
    });
    expect(completion.choices[0]?.message.content).toBe('Hello from an');
    const { headers, body } = lastSeen();
    expect(body.system).toEqual([
      { type: 'text', text: claudeBillingHeader('2.1.220', 'Write a haiku about the sea, please') },
      { type: 'text', text: identity, cache_control: { type: 'ephemeral' } },
    ]);
    expect((body.system as Array<{ text: string }>)[0]?.text).toBe('x-anthropic-billing-header: cc_version=2.1.220.706; cc_entrypoint=cli;');
    expect(body.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: '<system-reminder>\nYou are a terse pirate.\n</system-reminder>' },
          { type: 'text', text: 'Write a haiku about the sea, please' },
        ],
      },
    ]);
    const userId = userIdOf(body);
    expect(userId.device_id).toMatch(/^[0-9a-f]{64}$/);
    expect(userId.account_uuid).toBe('');
    expect(userId.session_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(body.model).toBe('claude-sonnet-4-6');
    expectCloakedHeaders(headers, userId.session_id);
  });

  it('draws a new device and session id per request without cache-user-id', async () => {
    await openai.chat.completions.create({ model: 'cloaked', messages: [{ role: 'user', content: 'one' }] });
    await openai.chat.completions.create({ model: 'cloaked', messages: [{ role: 'user', content: 'two' }] });
    const [first, second] = upstream.requests.map((seen) => userIdOf(seen.body as SeenBody));
    expect(first?.device_id).not.toBe(second?.device_id);
    expect(first?.session_id).not.toBe(second?.session_id);
  });

  it('drops its system prompt in strict mode', async () => {
    await openai.chat.completions.create({
      model: 'strict',
      messages: [
        { role: 'system', content: 'You are a terse pirate.' },
        { role: 'user', content: 'Hi' },
      ],
    });
    const { body } = lastSeen();
    expect(body.system).toEqual([expect.objectContaining({ text: expect.stringMatching(/^x-anthropic-billing-header: cc_version=2\.1\.220\.[0-9a-f]{3}; cc_entrypoint=cli;$/) }), expect.objectContaining({ text: identity })]);
    expect(JSON.stringify(body.messages)).not.toContain('pirate');
  });

  it('obfuscates the configured sensitive words in its system prompt and messages', async () => {
    await openai.chat.completions.create({
      model: 'cloaked',
      messages: [
        { role: 'system', content: 'You run behind a Proxy.' },
        { role: 'user', content: 'Is this a proxy?' },
      ],
    });
    const { body } = lastSeen();
    expect(body.messages[0]?.content).toEqual([
      { type: 'text', text: `<system-reminder>\nYou run behind a P${zw}r${zw}o${zw}x${zw}y.\n</system-reminder>` },
      { type: 'text', text: `Is this a p${zw}r${zw}o${zw}x${zw}y?` },
    ]);
    expect(JSON.stringify(body)).not.toMatch(/proxy/i);
  });

  it('is left untouched by an entry without a cloak block', async () => {
    await openai.chat.completions.create({
      model: 'plain',
      messages: [
        { role: 'system', content: 'You are a terse pirate.' },
        { role: 'user', content: 'Hi' },
      ],
    });
    const { headers, body } = lastSeen();
    expect(JSON.stringify(body.system)).toContain('You are a terse pirate.');
    expect(JSON.stringify(body.system)).not.toContain('Claude Code');
    expect(body.metadata).toBeUndefined();
    expect(headers['x-app']).toBeUndefined();
    expect(headers['user-agent']).toMatch(/^OpenAI\//);
  });
});

describe('an Anthropic client through a cloaked claude-api-key (the pass-through path)', () => {
  const request = {
    max_tokens: 64,
    system: [{ type: 'text' as const, text: 'You are a helpful assistant.' }],
    messages: [{ role: 'user' as const, content: 'Hello' }],
  };

  it('is cloaked when it is not Claude Code', async () => {
    const message = await anthropic.messages.create({ ...request, model: 'cloaked' });
    expect(message.content).toEqual([{ type: 'text', text: 'Hello from an' }]);
    const { headers, body } = lastSeen();
    expect(body.system).toEqual([{ type: 'text', text: claudeBillingHeader('2.1.220', 'Hello') }, { type: 'text', text: identity, cache_control: { type: 'ephemeral' } }]);
    expect(body.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: '<system-reminder>\nYou are a helpful assistant.\n</system-reminder>' },
          { type: 'text', text: 'Hello' },
        ],
      },
    ]);
    expectCloakedHeaders(headers, userIdOf(body).session_id);
  });

  it('is cloaked on a stream too', async () => {
    const stream = anthropic.messages.stream({ ...request, model: 'cloaked' });
    expect(await stream.finalText()).toBe('Hello from an');
    const { body } = lastSeen();
    expect(body.stream).toBe(true);
    expect((body.system as Array<{ text: string }>)[1]?.text).toBe(identity);
  });

  it('counts tokens on a cloaked body in Claude Code shape: no system, no metadata, its system relocated', async () => {
    await anthropic.messages.countTokens({ ...request, model: 'cloaked' });
    const { path, headers, body } = lastSeen();
    expect(path).toMatch(/^\/v1\/messages\/count_tokens/);
    expect(body.system).toBeUndefined();
    expect(body.metadata).toBeUndefined();
    expect(JSON.stringify(body.messages)).toContain('<system-reminder>\\nYou are a helpful assistant.');
    expect(headers['x-app']).toBe('cli');
  });

  it('is not cloaked when it is Claude Code: its user agent and identity system block pass through as sent', async () => {
    const claudeCode = new Anthropic({ baseURL: proxy.origin, apiKey: testClientKey, maxRetries: 0, defaultHeaders: { 'user-agent': claudeCodeUserAgent, 'x-app': 'cli' } });
    const system = [
      { type: 'text' as const, text: 'x-anthropic-billing-header: cc_version=2.1.221.abc; cc_entrypoint=cli; cch=00000;' },
      { type: 'text' as const, text: identity, cache_control: { type: 'ephemeral' as const } },
      { type: 'text' as const, text: 'Project rules.' },
    ];
    const metadata = { user_id: JSON.stringify({ device_id: 'e'.repeat(64), account_uuid: '', session_id: 'own-session' }) };
    await claudeCode.messages.create({ model: 'cloaked', max_tokens: 64, system, metadata, messages: [{ role: 'user', content: 'Hello' }] });
    const { headers, body } = lastSeen();
    expect(body.system).toEqual(system);
    expect(body.messages).toEqual([{ role: 'user', content: 'Hello' }]);
    expect(body.metadata).toEqual(metadata);
    expect(headers['user-agent']).toBe(claudeCodeUserAgent);
    expect(headers['x-claude-code-session-id']).toBeUndefined();
  });

  it('with a Claude Code user agent but a foreign system prompt, is cloaked', async () => {
    const impostor = new Anthropic({ baseURL: proxy.origin, apiKey: testClientKey, maxRetries: 0, defaultHeaders: { 'user-agent': claudeCodeUserAgent } });
    await impostor.messages.create({ ...request, model: 'cloaked' });
    const { headers, body } = lastSeen();
    expect((body.system as Array<{ text: string }>)[1]?.text).toBe(identity);
    expect(headers['user-agent']).toBe('claude-cli/2.1.220 (external, cli)');
  });

  it('is untouched by an entry without a cloak block', async () => {
    await anthropic.messages.create({ ...request, model: 'plain' });
    const { headers, body } = lastSeen();
    expect(body).toEqual({ ...request, model: 'claude-sonnet-4-6' });
    expect(headers['user-agent']).toMatch(/^Anthropic\//);
  });
});
