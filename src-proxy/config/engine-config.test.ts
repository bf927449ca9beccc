import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { configSchema } from './config-schema';
import type { EngineConfig } from './engine-config';
import { normalizeConfig } from './engine-config';
import { expandHome } from './expand-home';

const configDir = resolve('/home/user/.config/cliproxy');

function normalizeYaml(text: string): { config: EngineConfig; warnings: string[] } {
  const warnings: string[] = [];
  const parsed = configSchema.parse(parseYaml(text) ?? {});
  const config = normalizeConfig(parsed, { configDir, onWarning: (message) => warnings.push(message) });
  return { config, warnings };
}

function compatEntry(yamlLines: string[]): string {
  return ['openai-compatibility:', '  - name: test', '    base-url: https://api.example.com/v1', ...yamlLines].join('\n');
}

describe('normalizeConfig: top level', () => {
  it('trims, drops empty and de-duplicates api-keys, keeping first-seen order', () => {
    const { config } = normalizeYaml('api-keys: ["  b ", a, "", b, "   ", a, 12345]');
    expect(config.apiKeys).toEqual(['b', 'a', '12345']);
  });

  it.each([
    ['~', homedir()],
    ['~/tokens', join(homedir(), 'tokens')],
    ['auths', join(configDir, 'auths')],
    ['../shared/auths', resolve(configDir, '..', 'shared', 'auths')],
    [resolve('/var/lib/cliproxy/./auths/'), resolve('/var/lib/cliproxy/auths')],
    ['', join(homedir(), '.cli-proxy-api')],
  ])('resolves auth-dir %s', (written, expected) => {
    const { config } = normalizeYaml(`auth-dir: ${JSON.stringify(written).replace(/^""""$/, '""')}`);
    expect(config.authDir).toBe(expected);
  });

  it.each([
    [0, 60],
    [15, 15],
    [-1, 0],
  ])('maps transient-error-cooldown-seconds %i to %i (0 = legacy 60 s, negative = none)', (written, expected) => {
    expect(normalizeYaml(`transient-error-cooldown-seconds: ${written}`).config.transientErrorCooldownSeconds).toBe(
      expected,
    );
  });

  it('clamps a negative max-retry-credentials to 0 (all) and keeps a negative max-retry-interval', () => {
    const { config } = normalizeYaml('max-retry-credentials: -4\nmax-retry-interval: -1');
    expect(config.maxRetryCredentials).toBe(0);
    expect(config.maxRetryInterval).toBe(-1);
  });

  it('keeps an explicit empty host (all interfaces, as in CPA)', () => {
    expect(normalizeYaml('host: ""').config.host).toBe('');
  });

  it('converts body-limit-mb to bytes, fractions included', () => {
    expect(normalizeYaml('body-limit-mb: 0.5').config.bodyLimitBytes).toBe(524288);
  });
});

describe('normalizeConfig: openai-compatibility', () => {
  it.each([
    [' team ', 'team'],
    ['/team/', 'team'],
    ['  //team//  ', 'team'],
    ['a/b', ''],
    ['/a/b/', ''],
    ['', ''],
  ])('normalizes prefix %j to %j', (written, expected) => {
    const { config } = normalizeYaml(compatEntry([`    prefix: ${JSON.stringify(written)}`]));
    expect(config.openaiCompatibility[0]?.prefix).toBe(expected);
  });

  it('trims headers and removes pairs with an empty key or value', () => {
    const { config } = normalizeYaml(
      compatEntry(['    headers:', '      " X-A ": " 1 "', '      X-Empty: ""', '      X-Null:', '      " ": v', '      X-Num: 2']),
    );
    expect(config.openaiCompatibility[0]?.headers).toEqual({ 'X-A': '1', 'X-Num': '2' });
  });

  it('trims, lower-cases and de-duplicates excluded-models', () => {
    const { config } = normalizeYaml(compatEntry(['    excluded-models: [" GPT-4o ", gpt-4o, "", "*-Mini", "*-mini"]']));
    expect(config.openaiCompatibility[0]?.excludedModels).toEqual(['gpt-4o', '*-mini']);
  });

  it('drops entries without base-url with a warning and keeps the YAML index of the others', () => {
    const { config, warnings } = normalizeYaml(
      [
        'openai-compatibility:',
        '  - name: broken',
        '  - name: blank',
        '    base-url: "  "',
        '  - name: good',
        '    base-url: https://api.example.com/v1///',
      ].join('\n'),
    );
    expect(config.openaiCompatibility.map((entry) => [entry.name, entry.index, entry.baseUrl])).toEqual([
      ['good', 2, 'https://api.example.com/v1'],
    ]);
    expect(warnings).toEqual([
      'openai-compatibility[0] ("broken") has no base-url and is ignored',
      'openai-compatibility[1] ("blank") has no base-url and is ignored',
    ]);
  });

  it('gives an entry without keys one keyless api-key entry', () => {
    const { config } = normalizeYaml(compatEntry([]));
    expect(config.openaiCompatibility[0]?.apiKeyEntries).toEqual([{ apiKey: '', proxyUrl: '', weight: 1 }]);
  });

  it('migrates legacy api-keys into api-key-entries without duplicating listed keys', () => {
    const { config } = normalizeYaml(
      compatEntry([
        '    api-key-entries:',
        '      - api-key: " k1 "',
        '        proxy-url: socks5://127.0.0.1:1080',
        '      - api-key: k1',
        '        proxy-url: socks5://127.0.0.1:1080',
        '    api-keys: [k1, " k2 ", "", k2]',
      ]),
    );
    expect(config.openaiCompatibility[0]?.apiKeyEntries).toEqual([
      { apiKey: 'k1', proxyUrl: 'socks5://127.0.0.1:1080', weight: 1 },
      { apiKey: 'k2', proxyUrl: '', weight: 1 },
    ]);
  });

  it('uses the model name as alias when the alias is empty and drops nameless models with a warning', () => {
    const { config, warnings } = normalizeYaml(
      compatEntry(['    models:', '      - name: " m1 "', '        alias: ""', '      - name: m2', '        alias: " two "', '      - name: " "']),
    );
    expect(config.openaiCompatibility[0]?.models).toEqual([
      { name: 'm1', alias: 'm1' },
      { name: 'm2', alias: 'two' },
    ]);
    expect(warnings).toEqual(['openai-compatibility[0] ("test").models[2] has no name and is ignored']);
  });
});

describe('normalizeConfig: payload', () => {
  it('drops a raw rule whose string param is not valid JSON, with a warning that does not echo it', () => {
    const { config, warnings } = normalizeYaml(
      [
        'payload:',
        '  override-raw:',
        '    - models: [{ name: "*" }]',
        '      params: { good: "[1,2]", bad: "{not json" }',
        '    - models: [{ name: "gpt-*" }]',
        '      params: { ok: "true", number: 3, object: { a: 1 } }',
      ].join('\n'),
    );
    expect(config.payload.overrideRaw).toEqual([
      { models: [{ name: 'gpt-*' }], params: { ok: 'true', number: '3', object: '{"a":1}' } },
    ]);
    expect(warnings).toEqual(['payload.override-raw[0] is ignored: params "bad" is not valid JSON']);
  });

  it('lower-cases protocols and drops empty ones', () => {
    const { config } = normalizeYaml(
      'payload:\n  default:\n    - models: [{ name: m, protocol: " Claude ", from-protocol: "" }]\n      params: { a: 1 }',
    );
    expect(config.payload.default).toEqual([{ models: [{ name: 'm', protocol: 'claude' }], params: { a: 1 } }]);
  });
});

describe('expandHome', () => {
  it('expands ~ and ~/ only', () => {
    expect(expandHome('~')).toBe(homedir());
    expect(expandHome('~/a/b')).toBe(join(homedir(), 'a', 'b'));
    expect(expandHome('~other/a')).toBe('~other/a');
    expect(expandHome('/abs/~/x')).toBe('/abs/~/x');
  });
});
