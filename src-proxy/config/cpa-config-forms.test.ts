import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { guideConfigPath, readGuideConfig } from '../../test/guide-config';
import type { ConfigLoadResult } from './load-config';
import { parseConfigText } from './load-config';

function parse(text: string): Extract<ConfigLoadResult, { ok: true }> {
  const result = parseConfigText(text, { configDir: resolve('/srv/cliproxy') });
  if (!result.ok) throw new Error(`expected a valid config: ${JSON.stringify(result.problems)}`);
  return result;
}

describe('durations where a number of seconds is expected', () => {
  it.each([
    ['30s', 30],
    ['5m', 300],
    ['1h', 3600],
    ['1m30s', 90],
    ['1.5h', 5400],
    ['500ms', 0.5],
    ['45', 45],
    ['"12"', 12],
  ])('max-retry-interval: %s is %d seconds', (written, seconds) => {
    expect(parse(`max-retry-interval: ${written}\n`).config.maxRetryInterval).toBe(seconds);
  });

  it('reads units in the streaming timers, the transient cooldown and session-affinity-ttl', () => {
    const { config } = parse('transient-error-cooldown-seconds: 2m\nstreaming:\n  keepalive-seconds: 15s\n  upstream-idle-timeout-seconds: 10m\nrouting:\n  session-affinity: true\n  session-affinity-ttl: 30m\n');
    expect(config.transientErrorCooldownSeconds).toBe(120);
    expect(config.streaming).toMatchObject({ keepaliveSeconds: 15, upstreamIdleTimeoutSeconds: 600 });
    expect(config.routing).toEqual({ strategy: 'round-robin', sessionAffinity: true, sessionAffinityTtlSeconds: 1800 });
  });

  it('refuses text that is no duration, naming the accepted forms', () => {
    const result = parseConfigText('max-retry-interval: soon\n', { configDir: '/' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toEqual([{ path: 'max-retry-interval', message: expect.stringMatching(/30s, 5m, 1h or 1m30s/), line: 1, column: 21 }]);
  });

  it('keeps the default 1h session-affinity-ttl for a zero ttl, with a warning (CPA ignores it silently)', () => {
    const result = parse('routing:\n  session-affinity-ttl: 0s\n');
    expect(result.config.routing.sessionAffinityTtlSeconds).toBe(3600);
    expect(result.warnings).toEqual([expect.stringMatching(/session-affinity-ttl must be a positive duration/)]);
  });
});

describe('credential weight', () => {
  it('reads weight on every credential list, 1 when absent, 0 for zero or negative', () => {
    const { config } = parse(
      [
        'claude-api-key: [{ api-key: c, weight: 3 }]',
        'gemini-api-key: [{ api-key: g, weight: 0 }]',
        'codex-api-key: [{ api-key: x, base-url: "https://x.test", weight: -4 }]',
        'openai-compatibility: [{ name: o, base-url: "https://o.test", api-key-entries: [{ api-key: k1, weight: 7 }, { api-key: k2 }] }]',
      ].join('\n'),
    );
    expect(config.claudeApiKey[0]?.weight).toBe(3);
    expect(config.geminiApiKey[0]?.weight).toBe(0);
    expect(config.codexApiKey[0]?.weight).toBe(0);
    expect(config.openaiCompatibility[0]?.apiKeyEntries.map((entry) => entry.weight)).toEqual([7, 1]);
  });

  it('refuses a weight above 1,000,000 or not a whole number, as CPA does', () => {
    const result = parseConfigText('claude-api-key:\n  - api-key: c\n    weight: 1000001\n  - api-key: d\n    weight: 1.5\n', { configDir: '/' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((problem) => problem.path)).toEqual(['claude-api-key[0].weight', 'claude-api-key[1].weight']);
  });
});

describe('the flat oauth-model-alias map the guide writes', () => {
  it('becomes aliases over every provider, with one notice showing the CPA form', () => {
    const result = parse('oauth-model-alias:\n  gpt4: "gpt-4-turbo-preview"\n  gemini: gemini-2.5-pro\n  claude:\n    - name: claude-opus-4-1\n      alias: opus\n');
    expect(result.config.flatModelAlias).toEqual([
      { alias: 'gpt4', name: 'gpt-4-turbo-preview' },
      { alias: 'gemini', name: 'gemini-2.5-pro' },
    ]);
    expect(result.config.oauthModelAlias).toEqual({ claude: [expect.objectContaining({ name: 'claude-opus-4-1', alias: 'opus' })] });
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/flat form .*gpt4, gemini.*oauth-model-alias: \{ <provider>: \[ \{ name: <model>, alias: <alias> \} \] \}/);
  });
});

describe("the guide's example config", () => {
  it('loads with the values it writes (max-retry-interval: 30s, flat aliases) and at most warnings', () => {
    const result = parseConfigText(readGuideConfig(), { configDir: dirname(guideConfigPath()) });
    if (!result.ok) throw new Error(`the guide's config was refused: ${JSON.stringify(result.problems)}`);
    expect(result.config.maxRetryInterval).toBe(30);
    expect(result.config.requestRetry).toBe(3);
    expect(result.config.flatModelAlias.map((entry) => entry.alias)).toEqual(['gpt4', 'claude', 'gemini']);
    expect(result.warnings.every((warning) => !/error/i.test(warning))).toBe(true);
  });

  it("loads the troubleshooting section's request-retry: 5 with max-retry-interval: 60s", () => {
    const text = readGuideConfig().replace(/^request-retry: .*$/m, 'request-retry: 5').replace(/^max-retry-interval: .*$/m, 'max-retry-interval: 60s');
    const { config } = parse(text);
    expect([config.requestRetry, config.maxRetryInterval]).toEqual([5, 60]);
  });
});
