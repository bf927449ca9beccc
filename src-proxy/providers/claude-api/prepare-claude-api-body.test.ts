import { describe, expect, it } from 'vitest';
import type { ClaudeCloakConfig } from '../../config/engine-config';
import { testCredential } from '../../routing/test-credential.fixture';
import type { BodyPreparationContext } from '../provider-definition';
import { createClaudeApiBodyPreparer, shouldCloak } from './prepare-claude-api-body';

const identity = "You are Claude Code, Anthropic's official CLI for Claude.";
const cloakBlock: ClaudeCloakConfig = { mode: 'auto', strictMode: false, sensitiveWords: [], cacheUserId: false };

function counterIds(): (prefix: string) => string {
  let next = 0;
  return (prefix) => `${prefix}_${(next += 1)}`;
}

function context(overrides: Partial<BodyPreparationContext> = {}): BodyPreparationContext {
  return { operation: 'generate', clientWire: 'openai-chat', clientBody: {}, generateId: counterIds(), ...overrides };
}

const userBody = () => ({ model: 'claude-sonnet-4-6', system: 'Be brief.', messages: [{ role: 'user', content: 'hi' }] });

describe('shouldCloak', () => {
  it.each([
    [undefined, false, false],
    [cloakBlock, false, true],
    [cloakBlock, true, false],
    [{ ...cloakBlock, mode: 'always' as const }, false, true],
    [{ ...cloakBlock, mode: 'always' as const }, true, false],
    [{ ...cloakBlock, mode: 'never' as const }, false, false],
  ])('cloak %o, native %s -> %s', (cloak, native, expected) => {
    expect(shouldCloak(cloak, native)).toBe(expected);
  });
});

describe('prepareClaudeApiBody', () => {
  it('leaves a credential without a cloak block alone', () => {
    const prepare = createClaudeApiBodyPreparer();
    const body = userBody();
    expect(prepare(body, testCredential({ id: 'c', provider: 'claude-api' }), {}, context())).toBeUndefined();
    expect(body).toEqual(userBody());
  });

  it('cloaks a foreign client deterministically under an injected id source and reports the ids for the headers', () => {
    const run = () => {
      const body: Record<string, unknown> = userBody();
      const result = createClaudeApiBodyPreparer()(body, testCredential({ id: 'c', provider: 'claude-api', cloak: cloakBlock }), { 'user-agent': 'OpenAI/JS 5' }, context());
      return { body, result };
    };
    const first = run();
    expect(run()).toEqual(first);
    const userId = JSON.parse((first.body.metadata as { user_id: string }).user_id) as Record<string, string>;
    expect(Object.keys(userId)).toEqual(['device_id', 'account_uuid', 'session_id']);
    expect(userId.device_id).toMatch(/^[0-9a-f]{64}$/);
    expect(userId.account_uuid).toBe('');
    expect(userId.session_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(first.result?.cloak?.sessionId).toBe(userId.session_id);
    expect(first.result?.cloak?.requestId).not.toBe(userId.session_id);
    expect((first.body.system as Array<{ text: string }>)[1]?.text).toBe(identity);
  });

  it('does not cloak a native Claude Code request, in always mode either', () => {
    const clientBody = { system: [{ type: 'text', text: identity }], messages: [{ role: 'user', content: 'hi' }] };
    const headers = { 'user-agent': 'claude-cli/2.1.220 (external, cli)' };
    for (const mode of ['auto', 'always'] as const) {
      const body = { ...clientBody };
      const credential = testCredential({ id: 'c', provider: 'claude-api', cloak: { ...cloakBlock, mode } });
      expect(createClaudeApiBodyPreparer()(body, credential, headers, context({ clientWire: 'anthropic-messages', clientBody }))).toBeUndefined();
      expect(body).toEqual(clientBody);
    }
  });

  it('never cloaks in never mode', () => {
    const credential = testCredential({ id: 'c', provider: 'claude-api', cloak: { ...cloakBlock, mode: 'never' } });
    expect(createClaudeApiBodyPreparer()(userBody(), credential, {}, context())).toBeUndefined();
  });

  it('reuses one device id per credential with cache-user-id, and draws a new one per request without', () => {
    const deviceOf = (body: Record<string, unknown>) => (JSON.parse((body.metadata as { user_id: string }).user_id) as { device_id: string }).device_id;
    const ids = counterIds();
    const send = (prepare: ReturnType<typeof createClaudeApiBodyPreparer>, id: string, cacheUserId: boolean) => {
      const body: Record<string, unknown> = userBody();
      prepare(body, testCredential({ id, provider: 'claude-api', cloak: { ...cloakBlock, cacheUserId } }), {}, context({ generateId: ids }));
      return deviceOf(body);
    };
    const cached = createClaudeApiBodyPreparer();
    expect(send(cached, 'a', true)).toBe(send(cached, 'a', true));
    expect(send(cached, 'a', true)).not.toBe(send(cached, 'b', true));
    const fresh = createClaudeApiBodyPreparer();
    expect(send(fresh, 'a', false)).not.toBe(send(fresh, 'a', false));
  });
});
