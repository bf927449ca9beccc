import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../config/load-config';
import { buildCredentials } from './build-credentials';

function credentialsFor(yaml: string) {
  const loaded = parseConfigText(yaml, { configDir: '/tmp' });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  return buildCredentials(loaded.config);
}

describe('buildCredentials', () => {
  it('makes one credential per key, in config order, labelled without key material', () => {
    const credentials = credentialsFor(`
openai-compatibility:
  - name: pool
    base-url: http://127.0.0.1:9/v1
    api-key-entries: [{api-key: sk-a}, {api-key: sk-b}]
claude-api-key:
  - api-key: sk-ant-1
gemini-api-key:
  - api-key: AIza-1
    models: [{name: gemini-2.5-pro, alias: gp}]
codex-api-key:
  - api-key: sk-c
    base-url: http://127.0.0.1:9/v1
`);
    expect(credentials.map((credential) => [credential.provider, credential.label, credential.order])).toEqual([
      ['openai-compatible', 'pool #1', 0],
      ['openai-compatible', 'pool #2', 1],
      ['claude-api', 'claude-api-key[0]', 2],
      ['gemini-api', 'gemini-api-key[0]', 3],
      ['codex-api', 'codex-api-key[0]', 4],
    ]);
    for (const credential of credentials) expect(credential.label).not.toMatch(/sk-|AIza/);
  });

  it('serves the provider catalog when a Claude key lists no models, and only the listed ones otherwise', () => {
    const [claude, gemini] = credentialsFor(`
claude-api-key: [{api-key: k}]
gemini-api-key: [{api-key: g, models: [{name: gemini-2.5-pro, alias: gp}]}]
`);
    expect(claude?.models?.map((model) => model.alias)).toContain('claude-sonnet-4-5-20250929');
    expect(claude?.baseUrl).toBe('https://api.anthropic.com');
    expect(gemini?.models).toEqual([{ name: 'gemini-2.5-pro', alias: 'gp' }]);
  });

  it('ids are stable across loads and differ between keys', () => {
    const yaml = 'claude-api-key: [{api-key: a}, {api-key: b}]';
    const first = credentialsFor(yaml).map((credential) => credential.id);
    expect(credentialsFor(yaml).map((credential) => credential.id)).toEqual(first);
    expect(new Set(first).size).toBe(2);
  });

  it('gives a Claude key its cloak block (mode defaulted) and no cloak without one; the id ignores it', () => {
    const [plain, cloaked, gemini] = credentialsFor(`
claude-api-key:
  - {api-key: a}
  - {api-key: b, cloak: {strict-mode: true, sensitive-words: [Proxy]}}
gemini-api-key: [{api-key: g}]
`);
    expect(plain?.cloak).toBeUndefined();
    expect(cloaked?.cloak).toEqual({ mode: 'auto', strictMode: true, sensitiveWords: ['Proxy'], cacheUserId: false });
    expect(gemini?.cloak).toBeUndefined();
    expect(cloaked?.id).toBe(credentialsFor('claude-api-key: [{api-key: a}, {api-key: b}]')[1]?.id);
  });

  it('gives Claude keys the claude-header-defaults (for cloaked requests), other keys none', () => {
    const [claude, gemini] = credentialsFor(`
claude-header-defaults: {user-agent: 'claude-cli/9.9.9 (external, cli)'}
claude-api-key: [{api-key: a}]
gemini-api-key: [{api-key: g}]
`);
    expect(claude?.headerDefaults).toMatchObject({ 'user-agent': 'claude-cli/9.9.9 (external, cli)' });
    expect(gemini?.headerDefaults).toBeUndefined();
  });
});
