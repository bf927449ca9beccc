import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConfigLoadResult, ConfigProblem } from './load-config';
import { formatConfigProblems, loadConfigFile, parseConfigText } from './load-config';
import type { EngineConfig } from './engine-config';
import { TUNNEL_DEFAULTS } from '../tunnel/tunnel-config';

const configDir = resolve('/srv/cliproxy');
const fixturePath = join(import.meta.dirname, 'fixtures', 'full-config.yaml');
const apiKeySectionsPath = join(import.meta.dirname, 'fixtures', 'cpa-api-key-sections.yaml');

function expectValid(result: ConfigLoadResult): Extract<ConfigLoadResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected a valid config, got:\n${formatConfigProblems(result.problems, 'config.yaml')}`);
  return result;
}

function expectProblems(result: ConfigLoadResult): ConfigProblem[] {
  if (result.ok) throw new Error('expected problems, got a valid config');
  return result.problems;
}

function parse(text: string): ConfigLoadResult {
  return parseConfigText(text, { configDir });
}

describe('parseConfigText: defaults', () => {
  const expectedDefaults: EngineConfig = {
    host: '127.0.0.1',
    port: 8317,
    tls: { enable: false, cert: '', key: '' },
    apiKeys: [],
    authDir: join(homedir(), '.cli-proxy-api'),
    debug: false,
    loggingToFile: false,
    proxyUrl: '',
    requestRetry: 3,
    logsMaxTotalSizeMb: 0,
    errorLogsMaxFiles: 10,
    maxRetryInterval: 30,
    maxRetryCredentials: 0,
    disableCooling: false,
    transientErrorCooldownSeconds: 60,
    routing: { strategy: 'round-robin', sessionAffinity: false, sessionAffinityTtlSeconds: 3600 },
    streaming: { keepaliveSeconds: 0, bootstrapRetries: 0, upstreamIdleTimeoutSeconds: 300 },
    forceModelPrefix: false,
    bodyLimitBytes: 32 * 1024 * 1024,
    payload: { default: [], defaultRaw: [], override: [], overrideRaw: [], filter: [] },
    openaiCompatibility: [],
    claudeApiKey: [],
    disableClaudeCloakMode: false,
    claudeHeaderDefaults: {},
    codexHeaderDefaults: {},
    geminiApiKey: [],
    codexApiKey: [],
    vertexApiKey: [],
    remoteManagement: { allowRemote: false, secretKey: '', disableControlPanel: false, panelFile: '', allowedOrigins: [], releaseFeedUrl: '' },
    usageStatisticsEnabled: true,
    wsAuth: true,
    requestLog: false,
    oauthModelAlias: {},
    flatModelAlias: [],
    oauthExcludedModels: {},
    tunnel: TUNNEL_DEFAULTS,
    store: { type: 'files', dsn: '', schema: 'cliproxy', sslMode: '', sslRootCert: '' },
  };

  it.each([
    ['an empty file', ''],
    ['a file with only comments', '# nothing configured yet\n'],
    ['keys without values', 'port:\napi-keys:\nrouting:\n  strategy:\n'],
  ])('gives every default for %s', (_label, text) => {
    const result = expectValid(parse(text));
    expect(result.config).toEqual(expectedDefaults);
    expect(result.warnings).toEqual([]);
  });
});

describe('parseConfigText: the full sample config', () => {
  it('reads every documented key', async () => {
    const text = await readFile(fixturePath, 'utf8');
    const result = expectValid(parseConfigText(text, { configDir }));
    const { config } = result;
    expect(config.host).toBe('0.0.0.0');
    expect(config.port).toBe(9317);
    expect(config.tls).toEqual({
      enable: true,
      cert: join(configDir, 'certs', 'server.crt'),
      key: resolve('/etc/cliproxy/server.key'),
    });
    expect(config.remoteManagement).toEqual({
      allowRemote: true,
      secretKey: 'test-management-secret',
      disableControlPanel: true,
      panelFile: '',
      allowedOrigins: [],
      releaseFeedUrl: '',
    });
    expect(config.authDir).toBe(join(configDir, 'accounts'));
    expect(config.apiKeys).toEqual(['sk-client-one', 'sk-client-two']);
    expect([config.debug, config.loggingToFile, config.usageStatisticsEnabled]).toEqual([true, true, true]);
    expect(config.proxyUrl).toBe('socks5h://user:pass@127.0.0.1:1080');
    expect(config.forceModelPrefix).toBe(true);
    expect(config.requestRetry).toBe(5);
    expect(config.maxRetryCredentials).toBe(2);
    expect(config.maxRetryInterval).toBe(45);
    expect(config.disableCooling).toBe(true);
    expect(config.transientErrorCooldownSeconds).toBe(20);
    expect(config.routing).toMatchObject({ strategy: 'fill-first' });
    expect(config.streaming).toEqual({ keepaliveSeconds: 15, bootstrapRetries: 2, upstreamIdleTimeoutSeconds: 300 });
    expect([config.wsAuth, config.requestLog]).toEqual([false, true]);
    expect(config.bodyLimitBytes).toBe(8 * 1024 * 1024);
  });

  it('reads our remote-management keys: panel-file resolved against the config folder, origins lower-cased without a trailing slash', () => {
    const text = [
      'remote-management:',
      '  panel-file: panels/management.html',
      '  allowed-origins: ["HTTPS://Panel.Example.Test/", "http://127.0.0.1:5173"]',
      '  release-feed-url: " https://feed.example.test/releases/latest "',
    ].join('\n');
    const { config } = expectValid(parseConfigText(text, { configDir }));
    expect(config.remoteManagement).toMatchObject({
      panelFile: join(configDir, 'panels', 'management.html'),
      allowedOrigins: ['https://panel.example.test', 'http://127.0.0.1:5173'],
      releaseFeedUrl: 'https://feed.example.test/releases/latest',
    });
  });

  it('reads payload rules and openai-compatibility entries', async () => {
    const { config } = expectValid(parseConfigText(await readFile(fixturePath, 'utf8'), { configDir }));
    expect(config.payload).toEqual({
      default: [
        {
          models: [{ name: 'gemini-2.5-pro', protocol: 'gemini' }],
          params: { 'generationConfig.thinkingConfig.thinkingBudget': 32768 },
        },
      ],
      defaultRaw: [
        { models: [{ name: 'gpt-*', fromProtocol: 'responses' }], params: { response_format: '{"type":"json_object"}' } },
      ],
      override: [{ models: [{ name: 'claude-*' }], params: { max_tokens: 4096, 'metadata.tags': ['a', 'b'] } }],
      overrideRaw: [{ models: [{ name: '*' }], params: { reasoning: '{"effort":"high"}' } }],
      filter: [{ models: [{ name: 'gpt-5*', protocol: 'codex' }], params: ['temperature', 'top_p'] }],
    });
    expect(config.openaiCompatibility).toEqual([
      {
        name: 'openrouter',
        prefix: 'team',
        baseUrl: 'https://openrouter.ai/api/v1',
        headers: { 'X-Title': 'CLI Proxy' },
        apiKeyEntries: [
          { apiKey: 'sk-or-test-1', proxyUrl: 'direct', weight: 1 },
          { apiKey: 'sk-or-test-2', proxyUrl: '', weight: 1 },
        ],
        models: [
          { name: 'moonshotai/kimi-k2', alias: 'kimi-k2' },
          { name: 'qwen/qwen3-coder', alias: 'qwen/qwen3-coder' },
        ],
        excludedModels: ['gpt-4*', '*mini'],
        disabled: false,
        priority: 3,
        index: 0,
      },
      {
        name: 'local',
        prefix: '',
        baseUrl: 'http://127.0.0.1:11434/v1',
        headers: {},
        apiKeyEntries: [{ apiKey: '', proxyUrl: '', weight: 1 }],
        models: [],
        excludedModels: [],
        disabled: true,
        priority: 0,
        index: 1,
      },
    ]);
  });

  it('accepts keys implemented later without warnings and keeps their content', async () => {
    const result = expectValid(parseConfigText(await readFile(fixturePath, 'utf8'), { configDir }));
    expect(result.warnings).toEqual([]);
    expect(result.document.getIn(['claude-api-key', 0, 'models', 0, 'alias'])).toBe('sonnet');
    expect(result.document.getIn(['oauth-model-alias', 'claude', 0, 'fork'])).toBe(true);
    expect(result.document.getIn(['gemini-api-key', 0, 'api-key'])).toBe('AIza-test-gemini');
    expect(result.document.getIn(['routing', 'session-affinity'])).toBe(true);
  });

  it('supports YAML merge keys, as the Go decoder does', () => {
    const text = 'x-base: &base\n  base-url: https://x.example/v1\nopenai-compatibility:\n  - <<: *base\n    name: merged\n';
    const result = expectValid(parse(text));
    expect(result.config.openaiCompatibility.map((entry) => [entry.name, entry.baseUrl])).toEqual([
      ['merged', 'https://x.example/v1'],
    ]);
  });

  it('loads the same fixture from disk, resolving paths against its folder', async () => {
    const result = expectValid(await loadConfigFile(fixturePath));
    expect(result.config.authDir).toBe(join(import.meta.dirname, 'fixtures', 'accounts'));
  });
});

describe('parseConfigText: a realistic CPA config with every API-key section', () => {
  it('loads without warnings, with defaults for claude and the entries in file order', async () => {
    const result = expectValid(await loadConfigFile(apiKeySectionsPath));
    expect(result.warnings).toEqual([]);
    const { claudeApiKey, geminiApiKey, codexApiKey } = result.config;
    expect(geminiApiKey.map((entry) => [entry.index, entry.baseUrl, entry.priority, entry.models])).toEqual([
      [0, 'https://generativelanguage.googleapis.com', 0, [{ name: 'gemini-2.5-flash', alias: 'gemini-flash' }]],
      [1, 'https://generativelanguage.googleapis.com', 1, []],
    ]);
    expect(codexApiKey).toEqual([
      {
        apiKey: 'sk-atSM...',
        baseUrl: 'https://www.example.com',
        prefix: 'test',
        priority: 0,
        weight: 1,
        proxyUrl: 'socks5://proxy.example.com:1080',
        headers: { 'X-Custom-Header': 'custom-value' },
        models: [{ name: 'gpt-5-codex', alias: 'codex-latest' }],
        excludedModels: ['gpt-5.1', 'gpt-5-*', '*-mini', '*codex*'],
        index: 0,
      },
    ]);
    expect(claudeApiKey.map((entry) => [entry.baseUrl, entry.proxyUrl, entry.priority, entry.cloak])).toEqual([
      ['https://api.anthropic.com', '', 0, null],
      [
        'https://www.example.com',
        'direct',
        2,
        { mode: 'auto', strictMode: false, sensitiveWords: ['API', 'proxy'], cacheUserId: true },
      ],
    ]);
    expect(claudeApiKey[1]?.excludedModels).toEqual(['claude-opus-4-5-20251101', 'claude-3-*', '*-thinking', '*haiku*']);
  });

  it('keeps the keys it does not use in the document', async () => {
    const { document } = expectValid(await loadConfigFile(apiKeySectionsPath));
    expect(document.getIn(['claude-api-key', 1, 'fingerprint-profile'])).toBe('claude-code-cli');
    expect(document.getIn(['claude-api-key', 1, 'models', 0, 'force-mapping'])).toBe(true);
    expect(document.getIn(['codex-api-key', 0, 'request-scoped-errors', 0, 'action'])).toBe('stop');
    expect(document.getIn(['gemini-api-key', 1, 'weight'])).toBe(3);
  });
});

describe('parseConfigText: routing strategy', () => {
  it.each([
    ['round-robin', 'round-robin'],
    ['roundrobin', 'round-robin'],
    ['rr', 'round-robin'],
    ['RR', 'round-robin'],
    ['fill-first', 'fill-first'],
    ['fillfirst', 'fill-first'],
    ['ff', 'fill-first'],
    ['" Fill-First "', 'fill-first'],
    ['weighted-round-robin', 'weighted-round-robin'],
    ['weightedroundrobin', 'weighted-round-robin'],
    ['WRR', 'weighted-round-robin'],
  ])('maps %s to %s', (written, expected) => {
    expect(expectValid(parse(`routing:\n  strategy: ${written}\n`)).config.routing.strategy).toBe(expected);
  });

  it('rejects an unknown strategy with the accepted spellings and the line', () => {
    const problems = expectProblems(parse('port: 8317\nrouting:\n  strategy: random\n'));
    expect(problems).toEqual([
      {
        path: 'routing.strategy',
        message: 'expected round-robin (also roundrobin, rr), fill-first (also fillfirst, ff) or weighted-round-robin (also weightedroundrobin, wrr)',
        line: 3,
        column: 13,
      },
    ]);
  });

});

describe('parseConfigText: unknown keys', () => {
  it('keeps unknown keys in the document and warns once per key with its line', () => {
    const text = 'port: 8317\nmy-custom-thing:\n  nested: [1, 2]\ntypo-host: x\n';
    const result = expectValid(parseConfigText(text, { configDir, sourceName: 'config.yaml' }));
    expect(result.warnings).toEqual([
      'config.yaml: line 2: unknown key "my-custom-thing" is kept in the file but not used',
      'config.yaml: line 4: unknown key "typo-host" is kept in the file but not used',
    ]);
    expect(result.document.getIn(['my-custom-thing', 'nested', 1])).toBe(2);
    expect(result.document.toString()).toContain('typo-host: x');
  });

  it('does not warn about unknown keys nested in known sections (CPA adds them often)', () => {
    const result = expectValid(parse('routing:\n  strategy: rr\n  session-affinity-ttl: 1h\n'));
    expect(result.warnings).toEqual([]);
  });
});

describe('loadConfigFile', () => {
  let folder = '';
  afterEach(async () => {
    if (folder !== '') await rm(folder, { recursive: true, force: true });
  });

  it('resolves a relative auth-dir against the config file folder', async () => {
    folder = await mkdtemp(join(tmpdir(), 'cliproxy-load-'));
    const path = join(folder, 'config.yaml');
    await writeFile(path, 'auth-dir: auths\n');
    expect(expectValid(await loadConfigFile(path)).config.authDir).toBe(join(folder, 'auths'));
  });
});
