/**
 * `npm run bench:instructions`: instructions per request of the engine and the floor, counted by
 * valgrind's callgrind, so cuts of a few percent can be proved on a busy shared machine where CPU time
 * swings by ±15%. Same processes, fakes and requests as `npm run bench` (see bench/README.md).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startBenchProcesses, targetsOf, type BenchProcesses } from './bench-processes';
import { buildEngineBundle, buildProxyEntryBundles } from './build-engine-bundle';
import { callgrindAvailable, callgrindLauncher, dumpCallgrindProfile, readInstructionCount, startCounting, zeroCallgrindCounters } from './callgrind-control';
import type { ChildHandle } from './child-handle';
import { countedRunArgs, readCountedRunOptions, type CountedRunOptions } from './counted-run-options';
import { formatInstructionTable, instructionRow, type InstructionRound, type InstructionRow, type WindowCount } from './instruction-report';
import { roundOrder } from './measure-scenario';
import type { TargetId } from './report';
import { checkWindow, runRequests, smokeCheck, VALGRIND_TIMEOUT_MS } from './run-load';
import { runMain } from './run-main';
import { COUNTED_DEFAULT_CLIENT, selectCountedScenarios, warmupScenarios, type BenchScenario } from './scenarios';

const TARGET_ORDER: TargetId[] = ['floor', 'engine'];

interface InstructionOptions extends CountedRunOptions {
  profileDir: string | undefined;
  jsonPath: string | undefined;
  engineFromSource: boolean;
}

const USAGE = `usage: npm run bench:instructions -- [--rounds 5] [--requests 300] [--warmup 1500] [--connections 16] [--only <text>] [--streams] [--profile <dir>] [--json out.json]
  --rounds <n>        counted windows per scenario and target, floor and engine alternating (default 5)
  --requests <n>      requests per counted window (default 300)
  --warmup <n>        requests per target and request shape before counting (JIT tiers, pools; default 1500)
  --connections <n>   concurrent connections (default 16)
  --only <text>       scenarios whose id contains <text> (default: the ${COUNTED_DEFAULT_CLIENT} client's four)
  --streams           only the stream scenarios of that selection (by default: pass-through and translated)
  --profile <dir>     after the rounds, one more engine window per scenario dumped as a callgrind profile
                      in <dir> (callgrind_annotate <dir>/engine.<pid>.<n>)
  --json <file>       also write every round's numbers as JSON
  --engine-from-source  count src-proxy through tsx instead of the Vite bundle that ships`;

function readOptions(): InstructionOptions | undefined {
  const { values } = parseArgs({
    options: {
      ...countedRunArgs({ rounds: 5, requests: 300, warmup: 1500 }),
      profile: { type: 'string' },
      json: { type: 'string' },
      'engine-from-source': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return undefined;
  return {
    ...readCountedRunOptions(values),
    profileDir: values.profile,
    jsonPath: values.json,
    engineFromSource: values['engine-from-source'],
  };
}

/** Instructions per request of one target over one window of `requests` requests, from a collected heap. */
async function countWindow(target: ChildHandle, scenario: BenchScenario, requests: number): Promise<WindowCount> {
  const pid = requirePid(target);
  await target.collectGarbage();
  const before = await readInstructionCount(pid);
  const load = await runRequests(target.url, scenario, requests);
  const after = await readInstructionCount(pid);
  await checkWindow(target, scenario, load, VALGRIND_TIMEOUT_MS);
  return { mainThread: (after.mainThread - before.mainThread) / load.requests, allThreads: (after.allThreads - before.allThreads) / load.requests };
}

function requirePid(target: ChildHandle): number {
  if (target.pid === undefined) throw new Error(`${target.name} has no pid`);
  return target.pid;
}

async function measure(options: InstructionOptions, processes: BenchProcesses, scenarios: BenchScenario[]): Promise<InstructionRow[]> {
  // Warm-up runs uninstrumented (several times faster under valgrind), so the same wall time buys a
  // longer one: V8 keeps optimizing (TurboFan) for thousands of requests, and compiling inside a counted
  // window is warm-up, not the cost of a request. Counting starts after it.
  for (const shape of warmupScenarios(scenarios, options.connections)) {
    const targets = targetsOf(processes, shape);
    for (const id of TARGET_ORDER) {
      await smokeCheck(targets[id].proxy, shape, VALGRIND_TIMEOUT_MS);
      if (options.warmupRequests > 0) await runRequests(targets[id].proxy.url, shape, options.warmupRequests);
    }
  }
  const proxies = [...processes.floors.values(), ...(processes.engine.kind === 'engine' ? [processes.engine.proxy] : [])];
  for (const proxy of proxies) await startCounting(requirePid(proxy));
  const rows: InstructionRow[] = [];
  for (const scenario of scenarios) {
    const targets = targetsOf(processes, scenario);
    const rounds: InstructionRound[] = [];
    for (let round = 0; round < options.rounds; round += 1) {
      const counted: Partial<InstructionRound> = {};
      for (const id of roundOrder(round, TARGET_ORDER)) counted[id] = await countWindow(targets[id].proxy, scenario, options.requests);
      const { floor, engine } = counted;
      if (floor === undefined || engine === undefined) throw new Error(`round ${round + 1} of '${scenario.id}' counted no window`);
      rounds.push({ floor, engine });
      const both = (count: WindowCount): string => `${Math.round(count.mainThread)} main / ${Math.round(count.allThreads)} all`;
      console.error(`  ${scenario.id} round ${round + 1}: floor ${both(floor)}, engine ${both(engine)} instr/req`);
    }
    rows.push(instructionRow(scenario, rounds));
    if (options.profileDir !== undefined) await dumpEngineProfile(targets.engine.proxy, scenario, options.requests);
  }
  return rows;
}

async function dumpEngineProfile(engine: ChildHandle, scenario: BenchScenario, requests: number): Promise<void> {
  const pid = requirePid(engine);
  await engine.collectGarbage();
  await zeroCallgrindCounters(pid);
  await runRequests(engine.url, scenario, requests);
  await dumpCallgrindProfile(pid, `${scenario.id}, ${requests} requests`);
}

async function main(): Promise<number> {
  const options = readOptions();
  if (options === undefined) {
    console.log(USAGE);
    return 0;
  }
  if (!(await callgrindAvailable())) throw new Error('valgrind (with callgrind_control) is not installed: apt-get install valgrind');
  const scenarios = selectCountedScenarios(options.connections, options.only, options.streamsOnly);
  const startedAt = Date.now();
  const outDir = options.profileDir ?? (await mkdtemp(join(tmpdir(), 'cliproxy-callgrind-')));
  // callgrind cannot create its output folder itself.
  await mkdir(outDir, { recursive: true });
  console.error('Starting the fakes, and the floors and the engine under callgrind (about a minute)...');
  const engineModule = options.engineFromSource ? undefined : await buildEngineBundle();
  const { processes, stop } = await startBenchProcesses(scenarios, {
    floorMode: 'stream',
    engineAsFloor: false,
    cpuProfileDir: undefined,
    engineModule,
    // From source the engine entry imports ../src-proxy relative to itself: tsx entries then.
    proxyEntries: options.engineFromSource ? undefined : await buildProxyEntryBundles(),
    proxyExecArgv: ['--expose-gc'],
    proxyLauncher: (name) => callgrindLauncher(outDir, name),
  });
  try {
    const rows = await measure(options, processes, scenarios);
    console.log(
      `\nInstructions per request (callgrind: node's main thread, and every thread beside it), ${options.rounds} rounds of ${options.requests} requests at ` +
        `${options.connections} connections after ${options.warmupRequests} warm-up requests, full GC before each window; ` +
        `${((Date.now() - startedAt) / 1000).toFixed(0)} s in all\n`,
    );
    console.log(formatInstructionTable(rows));
    if (options.profileDir !== undefined) console.log(`\nEngine profiles: callgrind_annotate ${options.profileDir}/engine.<pid>.<n>`);
    if (options.jsonPath !== undefined) {
      await writeFile(options.jsonPath, `${JSON.stringify({ createdAt: new Date().toISOString(), node: process.version, options, rows }, null, 2)}\n`);
      console.log(`Results written to ${options.jsonPath}`);
    }
    return 0;
  } finally {
    await stop();
    // Without --profile the folder only holds the profiles callgrind writes at exit: not asked for.
    if (options.profileDir === undefined) await rm(outDir, { recursive: true, force: true });
  }
}

runMain(main);
