import { describe, expect, it } from 'vitest';
import { startBenchProcesses, targetsOf, type BenchProcesses } from './bench-processes';
import { sendOnce } from './run-load';
import { buildScenarios, warmupScenarios } from './scenarios';

describe('bench processes', () => {
  const processes: BenchProcesses<string> = {
    fakes: new Map([
      ['openai-chat', 'openai fake'],
      ['anthropic-messages', 'anthropic fake'],
    ]),
    floors: new Map([
      ['openai-chat', 'openai floor'],
      ['anthropic-messages', 'anthropic floor'],
    ]),
    engine: { kind: 'engine', proxy: 'engine' },
  };

  it("sends the floor to the client's wire and the engine to the scenario's upstream", () => {
    const pass = { id: 'p', client: 'openai-chat', upstream: 'openai-chat' } as const;
    expect(targetsOf(processes, pass)).toEqual({
      floor: { proxy: 'openai floor', upstream: 'openai fake' },
      engine: { proxy: 'engine', upstream: 'openai fake' },
    });
    const translated = { id: 't', client: 'anthropic-messages', upstream: 'openai-chat' } as const;
    expect(targetsOf(processes, translated)).toEqual({
      floor: { proxy: 'anthropic floor', upstream: 'anthropic fake' },
      engine: { proxy: 'engine', upstream: 'openai fake' },
    });
  });

  it("stands the second floor of the client's wire in for the engine (A/A)", () => {
    const aa: BenchProcesses<string> = { ...processes, engine: { kind: 'second-floor', floors: new Map([['openai-chat', 'openai floor 2']]) } };
    expect(targetsOf(aa, { id: 't', client: 'openai-chat', upstream: 'anthropic-messages' })).toEqual({
      floor: { proxy: 'openai floor', upstream: 'openai fake' },
      engine: { proxy: 'openai floor 2', upstream: 'openai fake' },
    });
    expect(() => targetsOf(aa, { id: 't', client: 'anthropic-messages', upstream: 'openai-chat' })).toThrow(/second anthropic-messages floor/);
  });

  it('starts fakes, floors and the engine; every request shape passes its smoke check on floor and engine', async () => {
    const scenarios = buildScenarios();
    const { processes: started, stop } = await startBenchProcesses(scenarios, { floorMode: 'stream', engineAsFloor: false, cpuProfileDir: undefined });
    try {
      expect([...started.fakes.keys()].sort()).toEqual(['anthropic-messages', 'openai-chat']);
      expect([...started.floors.keys()].sort()).toEqual(['anthropic-messages', 'openai-chat']);
      for (const scenario of warmupScenarios(scenarios, 1)) {
        const targets = targetsOf(started, scenario);
        for (const id of ['floor', 'engine'] as const) {
          const { status, body } = await sendOnce(targets[id].proxy.url, scenario);
          expect(scenario.verify(status, body), `${scenario.id} / ${id}`).toBeUndefined();
        }
      }
    } finally {
      await stop();
    }
  }, 120_000);

  it('starts only what the selected scenarios need', async () => {
    const scenarios = buildScenarios().filter((scenario) => scenario.id === 'anthropic-messages -> openai-chat stream c64');
    const { processes: started, stop } = await startBenchProcesses(scenarios, { floorMode: 'request', engineAsFloor: true, cpuProfileDir: undefined });
    try {
      expect([...started.fakes.keys()]).toEqual(['anthropic-messages']);
      expect([...started.floors.keys()]).toEqual(['anthropic-messages']);
      expect(started.engine.kind).toBe('second-floor');
      const [scenario] = scenarios;
      if (scenario === undefined) throw new Error('scenario missing');
      const { status, body } = await sendOnce(targetsOf(started, scenario).engine.proxy.url, scenario);
      expect(scenario.verify(status, body)).toBeUndefined();
    } finally {
      await stop();
    }
  }, 120_000);
});
