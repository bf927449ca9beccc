import { describe, expect, it } from 'vitest';
import { benchWires } from './bench-wires';
import { buildScenarios, clientRequests, CPU_TARGETS, SCENARIO_CATEGORIES, scenarioEntries, selectCountedScenarios, warmupScenarios, wiresUsed } from './scenarios';

describe('bench scenarios', () => {
  const scenarios = buildScenarios();

  it('has every entry at each of its connection counts, with unique ids', () => {
    expect(scenarios).toHaveLength(scenarioEntries.reduce((total, entry) => total + entry.connections.length, 0));
    expect(new Set(scenarios.map((scenario) => scenario.id)).size).toBe(scenarios.length);
  });

  it('keeps the pass-through ids and names translated scenarios client -> upstream', () => {
    expect(scenarios.map((scenario) => scenario.id)).toEqual([
      'openai-chat non-stream c1',
      'openai-chat non-stream c64',
      'openai-chat stream c1',
      'openai-chat stream c64',
      'anthropic-messages non-stream c64',
      'anthropic-messages stream c64',
      'anthropic-messages -> openai-chat non-stream c64',
      'anthropic-messages -> openai-chat stream c64',
      'openai-chat -> anthropic-messages non-stream c64',
      'openai-chat -> anthropic-messages stream c64',
    ]);
  });

  it('gives each kind of scenario its CPU target', () => {
    for (const scenario of scenarios) {
      const translated = scenario.client !== scenario.upstream;
      const expected = translated
        ? scenario.stream
          ? CPU_TARGETS.translatedStream
          : CPU_TARGETS.translatedNonStream
        : scenario.stream
          ? CPU_TARGETS.passThroughStream
          : CPU_TARGETS.passThroughNonStream;
      expect(scenario.cpuRatioTarget, scenario.id).toBe(expected);
      expect(scenario.category, scenario.id).toBe(`${translated ? 'translated' : 'pass-through'} ${scenario.stream ? 'stream' : 'non-stream'}`);
    }
    expect(CPU_TARGETS).toEqual({ passThroughNonStream: 2, passThroughStream: 1.15, translatedNonStream: 2.5, translatedStream: 1.4 });
    const byCategory = (category: string) => scenarios.filter((scenario) => scenario.category === category).length;
    expect(SCENARIO_CATEGORIES.map(byCategory)).toEqual([3, 2, 3, 2]);
  });

  it("sends the client's wire shape with the model alias of the upstream wire", () => {
    for (const scenario of scenarios) {
      const body = JSON.parse(scenario.body) as Record<string, unknown>;
      expect(body['model'], scenario.id).toBe(benchWires[scenario.upstream].model);
      expect(body['stream'] === true, scenario.id).toBe(scenario.stream);
      if (scenario.client === 'anthropic-messages') {
        expect(scenario.path).toBe('/v1/messages');
        expect(body['max_tokens']).toBeTypeOf('number');
        expect(scenario.headers['x-api-key']).toBe('bench-key');
      } else {
        expect(scenario.path).toBe('/v1/chat/completions');
        expect(scenario.headers['authorization']).toBe('Bearer bench-key');
      }
    }
    expect(benchWires['openai-chat'].model).not.toBe(benchWires['anthropic-messages'].model);
  });

  it('builds other lists from the same data', () => {
    const custom = buildScenarios(undefined, [{ request: 'anthropic-messages stream', upstream: 'anthropic-messages', cpuRatioTarget: 1.3, connections: [8] }]);
    expect(custom.map((scenario) => [scenario.id, scenario.category])).toEqual([['anthropic-messages stream c8', 'pass-through stream']]);
    expect(buildScenarios([2]).map((scenario) => scenario.connections)).toEqual(Array(scenarioEntries.length).fill(2));
    expect(Object.keys(clientRequests)).toHaveLength(4);
  });

  it('warms up each selected request shape once, and knows which fakes it needs', () => {
    const selected = scenarios.filter((scenario) => scenario.id.includes('->') && scenario.id.includes(' stream'));
    const warmups = warmupScenarios(selected, 16);
    expect(warmups.map((scenario) => scenario.id)).toEqual(['anthropic-messages -> openai-chat stream c16', 'openai-chat -> anthropic-messages stream c16']);
    expect(warmups.every((scenario) => scenario.connections === 16)).toBe(true);
    expect(wiresUsed(scenarios.filter((scenario) => scenario.id.startsWith('anthropic-messages ->')))).toEqual({
      clients: ['anthropic-messages'],
      upstreams: ['openai-chat'],
    });
  });

  it('counts the Anthropic client by default, any id text with --only, and only streams when asked', () => {
    const ids = (only: string | undefined, streams: boolean) => selectCountedScenarios(16, only, streams).map((scenario) => scenario.id);
    expect(ids(undefined, false)).toEqual([
      'anthropic-messages non-stream c16',
      'anthropic-messages stream c16',
      'anthropic-messages -> openai-chat non-stream c16',
      'anthropic-messages -> openai-chat stream c16',
    ]);
    expect(ids(undefined, true)).toEqual(['anthropic-messages stream c16', 'anthropic-messages -> openai-chat stream c16']);
    expect(ids('openai-chat ->', true)).toEqual(['openai-chat -> anthropic-messages stream c16']);
    expect(() => ids('no such scenario', true)).toThrow(/no stream scenario id contains 'no such scenario'/);
  });
});
