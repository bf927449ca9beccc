/**
 * `npm run bench:syscalls`: system calls per request of the engine and the floor, counted by
 * `strace -f -c` attached around exactly N requests: the kernel-side share that instruction counts do
 * not see (how many socket writes a stream costs, epoll and futex wake-ups). Same processes, fakes
 * and requests as `npm run bench` (see bench/README.md), as they ship (bundled, plain node).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startBenchProcesses, targetsOf, type BenchProcesses } from './bench-processes';
import { buildEngineBundle, buildProxyEntryBundles } from './build-engine-bundle';
import type { ChildHandle } from './child-handle';
import { countedRunArgs, readCountedRunOptions, type CountedRunOptions } from './counted-run-options';
import { spreadOf } from './instruction-report';
import { roundOrder } from './measure-scenario';
import { renderColumns, type TargetId } from './report';
import { checkWindow, runRequests, smokeCheck } from './run-load';
import { runMain } from './run-main';
import { COUNTED_DEFAULT_CLIENT, selectCountedScenarios, warmupScenarios, type BenchScenario } from './scenarios';
import { attachStrace, countFamilies, otherCalls, type SyscallFamily } from './strace-count';

const TARGET_ORDER: TargetId[] = ['floor', 'engine'];
const FAMILIES: SyscallFamily[] = ['write', 'read', 'epoll', 'futex', 'other', 'total'];

const USAGE = `usage: npm run bench:syscalls -- [--rounds 3] [--requests 200] [--warmup 500] [--connections 16] [--only <text>] [--streams]
  --rounds <n>        traced windows per scenario and target, floor and engine alternating (default 3)
  --requests <n>      requests per traced window (default 200)
  --warmup <n>        requests per target and request shape before tracing (default 500)
  --connections <n>   concurrent connections (default 16)
  --only <text>       scenarios whose id contains <text> (default: the ${COUNTED_DEFAULT_CLIENT} client's four)
  --streams           only the stream scenarios of that selection`;

function readOptions(): CountedRunOptions | undefined {
  const { values } = parseArgs({ options: { ...countedRunArgs({ rounds: 3, requests: 200, warmup: 500 }), help: { type: 'boolean', default: false } } });
  return values.help ? undefined : readCountedRunOptions(values);
}

type PerRequest = Record<SyscallFamily, number> & { others: string };

/** System calls per request, by family, of one target over one traced window. */
async function traceWindow(target: ChildHandle, scenario: BenchScenario, requests: number, outFile: string): Promise<PerRequest> {
  if (target.pid === undefined) throw new Error(`${target.name} has no pid`);
  const window = await attachStrace(target.pid, outFile);
  const load = await runRequests(target.url, scenario, requests);
  const counts = await window.stop();
  await checkWindow(target, scenario, load);
  const families = countFamilies(counts);
  const perRequest = (calls: number): string => (calls / load.requests).toFixed(2);
  // What 'other' holds, for the progress lines: the calls outside the named families, most frequent first.
  const others = [...otherCalls(counts)].sort((left, right) => right[1] - left[1]).map(([name, calls]) => `${name} ${perRequest(calls)}`).join(', ');
  return { ...(Object.fromEntries(FAMILIES.map((family) => [family, families[family] / load.requests])) as Record<SyscallFamily, number>), others };
}

async function measure(options: CountedRunOptions, processes: BenchProcesses, scenarios: BenchScenario[], outDir: string): Promise<string[][]> {
  for (const shape of warmupScenarios(scenarios, options.connections)) {
    const targets = targetsOf(processes, shape);
    for (const id of TARGET_ORDER) {
      await smokeCheck(targets[id].proxy, shape);
      if (options.warmupRequests > 0) await runRequests(targets[id].proxy.url, shape, options.warmupRequests);
    }
  }
  const rows: string[][] = [['scenario', 'target', ...FAMILIES.map((family) => `${family}/req`)]];
  for (const scenario of scenarios) {
    const targets = targetsOf(processes, scenario);
    const windows: Record<TargetId, PerRequest[]> = { floor: [], engine: [] };
    for (let round = 0; round < options.rounds; round += 1) {
      for (const id of roundOrder(round, TARGET_ORDER)) windows[id].push(await traceWindow(targets[id].proxy, scenario, options.requests, join(outDir, `${id}.strace`)));
    }
    const median = (id: TargetId, family: SyscallFamily): number => spreadOf(windows[id].map((window) => window[family])).median;
    for (const id of TARGET_ORDER) rows.push([scenario.id, id, ...FAMILIES.map((family) => median(id, family).toFixed(1))]);
    rows.push([scenario.id, 'engine/floor', ...FAMILIES.map((family) => `x${(median('engine', family) / median('floor', family)).toFixed(2)}`)]);
    for (const id of TARGET_ORDER) console.error(`  ${scenario.id} ${id}: ${median(id, 'total').toFixed(1)} syscalls/req; other (last round): ${windows[id].at(-1)?.others ?? ''}`);
  }
  return rows;
}

async function main(): Promise<number> {
  const options = readOptions();
  if (options === undefined) {
    console.log(USAGE);
    return 0;
  }
  const scenarios = selectCountedScenarios(options.connections, options.only, options.streamsOnly);
  const outDir = await mkdtemp(join(tmpdir(), 'cliproxy-strace-'));
  const { processes, stop } = await startBenchProcesses(scenarios, {
    floorMode: 'stream',
    engineAsFloor: false,
    cpuProfileDir: undefined,
    engineModule: await buildEngineBundle(),
    proxyEntries: await buildProxyEntryBundles(),
  });
  try {
    const rows = await measure(options, processes, scenarios, outDir);
    console.log(
      `\nSystem calls per request (strace -f -c, every thread; median of ${options.rounds} rounds of ${options.requests} requests at ` +
        `${options.connections} connections after ${options.warmupRequests} warm-up requests)\n`,
    );
    console.log(renderColumns(rows));
    return 0;
  } finally {
    await stop();
    await rm(outDir, { recursive: true, force: true });
  }
}

runMain(main);
