/**
 * `npx tsx bench/usage-cost.ts [--duration 10] [--rounds 4] [--only <text>] [--cpu-prof <dir>] [--check]`: what recording usage
 * (usage.sqlite, `usage-statistics-enabled`) costs the engine per request. Two engines as they ship (the
 * bench bundle), one with recording off and one on, against the same fakes, measured in A-B-B-A rounds
 * like the floor/engine scenarios; the verdict is on/off CPU ms per request <= x1.05 (issue 5).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchWires } from './bench-wires';
import { buildEngineBundle } from './build-engine-bundle';
import { startChild, type ChildHandle } from './child-handle';
import { measureScenario } from './measure-scenario';
import type { TargetId, TargetRun } from './report';
import { runLoad, sendOnce } from './run-load';
import { buildScenarios, wiresUsed } from './scenarios';
import { formatUsageCosts, usageCosts } from './usage-cost-report';

/** Recording is per request, so it weighs most on the cheapest requests: pass-through, both shapes. */
const DEFAULT_ONLY = ['openai-chat non-stream c64', 'openai-chat stream c64'];
const TARGETS: TargetId[] = ['floor', 'engine'];

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { duration: { type: 'string', default: '10' }, rounds: { type: 'string', default: '4' }, only: { type: 'string' }, check: { type: 'boolean', default: false }, 'cpu-prof': { type: 'string' } },
  });
  const durationSeconds = Number(values.duration);
  const rounds = Number(values.rounds);
  if (!(durationSeconds >= 1 && durationSeconds <= 600) || !Number.isInteger(rounds) || rounds < 1) throw new Error('--duration must be 1..600 s and --rounds a positive integer');
  const scenarios = buildScenarios().filter((scenario) => (values.only === undefined ? DEFAULT_ONLY.includes(scenario.id) : scenario.id.includes(values.only)));
  if (scenarios.length === 0) throw new Error(`no scenario id contains '${values.only ?? ''}'`);
  const { clients, upstreams } = wiresUsed(scenarios);
  const engineModule = await buildEngineBundle();
  const started: ChildHandle[] = [];
  try {
    const fakes = new Map<string, ChildHandle>();
    for (const wire of new Set([...clients, ...upstreams])) {
      const fake = await startChild(`${wire} fake`, benchWires[wire].fakeEntry, []);
      started.push(fake);
      fakes.set(wire, fake);
    }
    const upstreamUrls = JSON.stringify(Object.fromEntries(upstreams.map((wire) => [wire, fakes.get(wire)?.url])));
    const engine = async (usage: 'on' | 'off'): Promise<ChildHandle> => {
      const profile = values['cpu-prof'] === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', join(values['cpu-prof'], `engine-usage-${usage}`)];
      const child = await startChild(`engine (usage ${usage})`, 'engine-process.ts', ['--upstreams', upstreamUrls, '--engine-module', engineModule, '--usage-statistics', usage], profile);
      started.push(child);
      return child;
    };
    const proxies: Record<TargetId, ChildHandle> = { floor: await engine('off'), engine: await engine('on') };
    const runs: TargetRun[] = [];
    for (const scenario of scenarios) {
      const upstream = fakes.get(scenario.upstream) as ChildHandle;
      for (const id of TARGETS) {
        const { status, body } = await sendOnce(proxies[id].url, scenario);
        const problem = scenario.verify(status, body);
        if (problem !== undefined) throw new Error(`smoke check of ${proxies[id].name} for '${scenario.id}' failed: ${problem}`);
        await runLoad(proxies[id].url, scenario, 1);
      }
      const targets = { floor: { proxy: proxies.floor, upstream }, engine: { proxy: proxies.engine, upstream } };
      for (const run of await measureScenario(targets, TARGETS, scenario, durationSeconds, rounds)) {
        console.error(`  ${scenario.id} / usage ${run.target === 'engine' ? 'on' : 'off'}: ${run.cpuMsPerRequest.toFixed(3)} CPU ms/req`);
        runs.push(run);
      }
    }
    const costs = usageCosts(runs);
    console.log(`\nUsage recording: engine with usage-statistics-enabled true vs false, ${durationSeconds} s per scenario and engine in ${rounds} rounds\n`);
    console.log(formatUsageCosts(runs, costs));
    return values.check && costs.some((cost) => !cost.meetsTarget) ? 1 : 0;
  } finally {
    await Promise.all(started.map((child) => child.stop()));
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
