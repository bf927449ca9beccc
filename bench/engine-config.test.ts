import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../src-proxy/config/load-config';
import { benchWires } from './bench-wires';
import { BENCH_CLIENT_KEY, BENCH_UPSTREAM_KEY, buildBenchConfig } from './engine-config';

describe('bench engine config', () => {
  it('has an entry per upstream wire, each with its own model alias, and the engine accepts it', () => {
    const text = buildBenchConfig(40123, { 'openai-chat': 'http://127.0.0.1:1111/v1', 'anthropic-messages': 'http://127.0.0.1:2222/v1' });
    const result = parseConfigText(text, { configDir: '/tmp' });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.warnings).toEqual([]);
    const { config } = result;
    expect(config.port).toBe(40123);
    expect(config.apiKeys).toEqual([BENCH_CLIENT_KEY]);
    expect(config.openaiCompatibility).toHaveLength(1);
    expect(config.openaiCompatibility[0]).toMatchObject({
      baseUrl: 'http://127.0.0.1:1111/v1',
      apiKeyEntries: [{ apiKey: BENCH_UPSTREAM_KEY }],
      models: [{ name: benchWires['openai-chat'].upstreamModel, alias: benchWires['openai-chat'].model }],
    });
    // The engine appends /v1/messages to a claude-api-key base-url.
    expect(config.claudeApiKey).toHaveLength(1);
    expect(config.claudeApiKey[0]).toMatchObject({
      apiKey: BENCH_UPSTREAM_KEY,
      baseUrl: 'http://127.0.0.1:2222',
      models: [{ name: benchWires['anthropic-messages'].upstreamModel, alias: benchWires['anthropic-messages'].model }],
    });
  });

  it('switches usage recording on or off when asked, and leaves the default otherwise', () => {
    const enabled = (options?: { usageStatistics?: boolean }) => {
      const result = parseConfigText(buildBenchConfig(40123, {}, options), { configDir: '/tmp' });
      if (!result.ok) throw new Error(JSON.stringify(result.problems));
      return result.config.usageStatisticsEnabled;
    };
    expect(enabled({ usageStatistics: false })).toBe(false);
    expect(enabled({ usageStatistics: true })).toBe(true);
    expect(enabled()).toBe(true);
  });

  it('configures only the upstreams in use', () => {
    const result = parseConfigText(buildBenchConfig(40123, { 'openai-chat': 'http://127.0.0.1:1111/v1' }), { configDir: '/tmp' });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.config.openaiCompatibility).toHaveLength(1);
    expect(result.config.claudeApiKey).toEqual([]);
  });
});
