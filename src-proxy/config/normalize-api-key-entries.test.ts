import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { configSchema } from './config-schema';
import type { EngineConfig } from './engine-config';
import { normalizeConfig } from './engine-config';

function normalizeYaml(lines: string[]): { config: EngineConfig; warnings: string[] } {
  const warnings: string[] = [];
  const parsed = configSchema.parse(parseYaml(lines.join('\n')) ?? {});
  const config = normalizeConfig(parsed, {
    configDir: resolve('/srv/cliproxy'),
    onWarning: (message) => warnings.push(message),
  });
  return { config, warnings };
}

/** Every common field, written untidily so each normalization shows. */
const commonFields = [
  '    api-key: " sk-test "',
  '    base-url: "https://upstream.example.com/v1/ "',
  '    prefix: " /team/ "',
  '    priority: 5',
  '    proxy-url: " socks5://127.0.0.1:1080 "',
  '    headers: { " X-A ": " 1 ", X-Empty: "", X-Num: 2 }',
  '    models:',
  '      - name: " upstream-a "',
  '        alias: " a "',
  '      - name: upstream-b',
  '        alias: ""',
  '    excluded-models: [" Big-* ", big-*, "", "*-Mini"]',
  '    weight: 7',
  '    disable-cooling: true',
];

const expectedCommon = {
  apiKey: 'sk-test',
  baseUrl: 'https://upstream.example.com/v1',
  prefix: 'team',
  priority: 5,
  weight: 7,
  proxyUrl: 'socks5://127.0.0.1:1080',
  headers: { 'X-A': '1', 'X-Num': '2' },
  models: [
    { name: 'upstream-a', alias: 'a' },
    { name: 'upstream-b', alias: 'upstream-b' },
  ],
  excludedModels: ['big-*', '*-mini'],
  index: 0,
};

describe('normalizeConfig: API-key sections with every field', () => {
  it.each([
    ['gemini-api-key', 'geminiApiKey', '  - request-retry: 2'],
    ['codex-api-key', 'codexApiKey', '  - websockets: true'],
    ['vertex-api-key', 'vertexApiKey', '  - request-retry: 1'],
  ] as const)('reads %s', (section, field, ownKey) => {
    const { config, warnings } = normalizeYaml([`${section}:`, ownKey, ...commonFields]);
    expect(warnings).toEqual([]);
    expect(config[field]).toEqual([expectedCommon]);
  });

  it('reads claude-api-key with its cloak block', () => {
    const { config, warnings } = normalizeYaml([
      'claude-api-key:',
      '  - cloak:',
      '      mode: " Always "',
      '      strict-mode: true',
      '      sensitive-words: [" API ", proxy, API, ""]',
      '      cache-user-id: true',
      ...commonFields,
    ]);
    expect(warnings).toEqual([]);
    expect(config.claudeApiKey).toEqual([
      {
        ...expectedCommon,
        cloak: { mode: 'always', strictMode: true, sensitiveWords: ['API', 'proxy'], cacheUserId: true },
      },
    ]);
  });

  it('keeps cloak null without a cloak block and defaults the fields of an empty one', () => {
    const { config } = normalizeYaml([
      'claude-api-key:',
      '  - api-key: k1',
      '  - api-key: k2',
      '    cloak:',
      '  - api-key: k3',
      '    cloak: { mode: "" }',
    ]);
    expect(config.claudeApiKey.map((entry) => entry.cloak)).toEqual([
      null,
      null,
      { mode: 'auto', strictMode: false, sensitiveWords: [], cacheUserId: false },
    ]);
  });

  it('makes a cloak block without mode `never` under disable-claude-cloak-mode; an explicit mode still wins', () => {
    const { config, warnings } = normalizeYaml([
      'disable-claude-cloak-mode: true',
      'claude-api-key:',
      '  - api-key: k1',
      '    cloak: { strict-mode: true }',
      '  - api-key: k2',
      '    cloak: { mode: always }',
      '  - api-key: k3',
    ]);
    expect(warnings).toEqual([]);
    expect(config.disableClaudeCloakMode).toBe(true);
    expect(config.claudeApiKey.map((entry) => entry.cloak?.mode ?? null)).toEqual(['never', 'always', null]);
  });
});

describe('normalizeConfig: API-key section rules', () => {
  it('gives claude and gemini entries without base-url the official endpoint', () => {
    const { config } = normalizeYaml([
      'claude-api-key:',
      '  - api-key: c1',
      '    base-url: "  "',
      'gemini-api-key:',
      '  - api-key: g1',
    ]);
    expect(config.claudeApiKey[0]?.baseUrl).toBe('https://api.anthropic.com');
    expect(config.geminiApiKey[0]?.baseUrl).toBe('https://generativelanguage.googleapis.com');
  });

  it('drops codex entries without base-url with a warning saying CPA does too, keeping YAML indexes', () => {
    const { config, warnings } = normalizeYaml([
      'codex-api-key:',
      '  - api-key: no-base',
      '  - api-key: blank-base',
      '    base-url: " "',
      '  - api-key: good',
      '    base-url: https://codex.example.com//',
    ]);
    expect(config.codexApiKey.map((entry) => [entry.apiKey, entry.baseUrl, entry.index])).toEqual([
      ['good', 'https://codex.example.com', 2],
    ]);
    expect(warnings).toEqual([
      'codex-api-key[0] has no base-url and is ignored; CLIProxyAPI drops such entries too',
      'codex-api-key[1] has no base-url and is ignored; CLIProxyAPI drops such entries too',
    ]);
    expect(warnings.join()).not.toContain('no-base');
  });

  it('drops vertex entries without api-key (CPA does too) and gives the others Vertex AI when they name no base-url', () => {
    const { config, warnings } = normalizeYaml(['vertex-api-key:', '  - base-url: https://zenmux.example.com', '  - api-key: " v-1 "']);
    expect(config.vertexApiKey.map((entry) => [entry.apiKey, entry.baseUrl, entry.index])).toEqual([['v-1', 'https://aiplatform.googleapis.com', 1]]);
    expect(warnings).toEqual(['vertex-api-key[0] has no api-key and is ignored; CLIProxyAPI drops such entries too']);
  });

  it('drops gemini entries with neither api-key nor base-url, but keeps a keyless gateway', () => {
    const { config, warnings } = normalizeYaml([
      'gemini-api-key:',
      '  - api-key: " "',
      '    prefix: p',
      '  - base-url: https://gemini-gateway.example.com',
    ]);
    expect(config.geminiApiKey.map((entry) => [entry.apiKey, entry.baseUrl, entry.index])).toEqual([
      ['', 'https://gemini-gateway.example.com', 1],
    ]);
    expect(warnings).toEqual(['gemini-api-key[0] has neither api-key nor base-url and is ignored']);
  });

  it('keeps claude entries whatever they lack (CPA has no drop rule for them)', () => {
    const { config, warnings } = normalizeYaml(['claude-api-key:', '  - prefix: p']);
    expect(config.claudeApiKey.map((entry) => [entry.apiKey, entry.prefix])).toEqual([['', 'p']]);
    expect(warnings).toEqual([]);
  });

  it('drops an entry repeating an earlier one (same api-key, base-url, proxy-url, prefix) with a warning', () => {
    const { config, warnings } = normalizeYaml([
      'claude-api-key:',
      '  - api-key: k1',
      '  - api-key: " k1 "',
      '    base-url: https://api.anthropic.com/',
      '    priority: 9',
      '  - api-key: k1',
      '    prefix: other',
      '  - api-key: k1',
      '    proxy-url: direct',
      '  - api-key: k1',
      '    prefix: /other/',
    ]);
    expect(config.claudeApiKey.map((entry) => [entry.index, entry.prefix, entry.proxyUrl, entry.priority])).toEqual([
      [0, '', '', 0],
      [2, 'other', '', 0],
      [3, '', 'direct', 0],
    ]);
    expect(warnings).toEqual([
      'claude-api-key[1] repeats claude-api-key[0] (same api-key, base-url, proxy-url and prefix) and is ignored',
      'claude-api-key[4] repeats claude-api-key[2] (same api-key, base-url, proxy-url and prefix) and is ignored',
    ]);
  });

  it('merges legacy generative-language-api-key keys into gemini entries after the listed ones', () => {
    const { config, warnings } = normalizeYaml([
      'gemini-api-key:',
      '  - api-key: g1',
      '    prefix: team',
      '  - api-key: g2',
      'generative-language-api-key: [" g3 ", g2, "", g3]',
    ]);
    expect(config.geminiApiKey.map((entry) => [entry.apiKey, entry.prefix, entry.index])).toEqual([
      ['g1', 'team', 0],
      ['g2', '', 1],
      ['g3', '', 2],
    ]);
    expect(config.geminiApiKey[2]).toMatchObject({ baseUrl: 'https://generativelanguage.googleapis.com', models: [] });
    const same = '(same api-key, base-url, proxy-url and prefix)';
    expect(warnings).toEqual([
      `generative-language-api-key[1] repeats gemini-api-key[1] ${same} and is ignored`,
      'generative-language-api-key[2] has neither api-key nor base-url and is ignored',
      `generative-language-api-key[3] repeats generative-language-api-key[0] ${same} and is ignored`,
    ]);
  });

  it('drops a nameless model with a warning naming the entry', () => {
    const { config, warnings } = normalizeYaml([
      'codex-api-key:',
      '  - base-url: https://codex.example.com',
      '    models: [{ name: " ", alias: x }, { name: m }]',
    ]);
    expect(config.codexApiKey[0]?.models).toEqual([{ name: 'm', alias: 'm' }]);
    expect(warnings).toEqual(['codex-api-key[0].models[0] has no name and is ignored']);
  });
});
