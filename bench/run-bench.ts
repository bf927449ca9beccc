/**
 * `npm run bench`: the engine against the floor proxy, in the same run, each in its own process.
 * See bench/README.md for what is measured and how to read the ratios.
 */
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { buildEngineBundle } from './build-engine-bundle';
import { startBenchProcesses, targetsOf, type BenchProcesses } from './bench-processes';
import type { FloorMode } from './floor-proxy';
import { measureScenario } from './measure-scenario';
import { computeRatios, formatCpuSplit, formatSummary, formatTable, type TargetId, type TargetRun } from './report';
import { runLoad, smokeCheck } from './run-load';
import { runMain } from './run-main';
import { runLoadChecks, type LoadOptions } from './load-checks';
import { formatLoadTable, loadChecks, type LoadCheck, type LoadMeasurements } from './load-report';
import { buildScenarios, SCENARIO_CATEGORIES, warmupScenarios, type BenchScenario } from './scenarios';

const WARMUP_CONNECTIONS = 16;
const TARGET_ORDER: TargetId[] = ['floor', 'engine'];

interface BenchOptions {
  durationSeconds: number;
  rounds: number;
  warmupSeconds: number;
  jsonPath: string | undefined;
  engineAsFloor: boolean;
  /** Measure the TypeScript source through tsx instead of the bundle that ships. */
  engineFromSource: boolean;
  floorMode: FloorMode;
  /** Folder for V8 CPU profiles of the floor and engine children (node --cpu-prof). */
  cpuProfileDir: string | undefined;
  only: string | undefined;
  /** Connection counts for every scenario instead of each entry's own (scenarios.ts). */
  connections: number[] | undefined;
  check: boolean;
  /** The load checks (load-checks.ts), or undefined with --no-load. */
  load: LoadOptions | undefined;
  /** Only the load checks, no scenarios. */
  loadOnly: boolean;
}

const USAGE = `usage: npm run bench -- [--duration 5] [--warmup 1] [--json out.json] [--only <text>] [--connections 1,64] [--floor-mode stream|request] [--cpu-prof <dir>] [--engine-as-floor] [--engine-from-source] [--check]
  --duration <s>      measured seconds per scenario and target (default 5)
  --rounds <n>        split each measurement into n runs, alternating floor/engine order (default 2)
  --warmup <s>        seconds per warm-up run per target and request shape (default 1)
  --json <file>       also write the results as JSON
  --only <text>       run only scenarios whose id contains <text> (e.g. ' -> ' = the translated ones)
  --connections <l>   comma-separated connection counts for every scenario (default: per scenario, see scenarios.ts)
  --floor-mode <m>    floor implementation: stream (undici stream(), default) or request (request() + pipeline)
  --cpu-prof <dir>    write V8 CPU profiles of floors and engine (open in Chrome DevTools > Performance)
  --engine-as-floor   stand a second floor in for the engine (tests the harness without the engine)
  --engine-from-source  measure src-proxy through tsx instead of the Vite bundle that ships (default: bundle)
  --check             exit with code 1 when a scenario misses its CPU target or a load check fails
  --soak <s>          seconds of 64-way translated streaming in the load checks (default 60)
  --idle-streams <n>  concurrent streams held open in the load checks (default 1000)
  --hold <s>          seconds the idle streams are held while the engine is measured (default 10)
  --starts <n>        headless starts in the load checks, reported as medians (default 5)
  --no-load           skip the load checks
  --load-only         only the load checks (no floor/engine scenarios)`;

function readOptions(): BenchOptions | undefined {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '5' },
      rounds: { type: 'string', default: '2' },
      warmup: { type: 'string', default: '1' },
      json: { type: 'string' },
      only: { type: 'string' },
      connections: { type: 'string' },
      'engine-as-floor': { type: 'boolean', default: false },
      'engine-from-source': { type: 'boolean', default: false },
      'floor-mode': { type: 'string', default: 'stream' },
      'cpu-prof': { type: 'string' },
      check: { type: 'boolean', default: false },
      soak: { type: 'string', default: '60' },
      'idle-streams': { type: 'string', default: '1000' },
      hold: { type: 'string', default: '10' },
      starts: { type: 'string', default: '5' },
      'no-load': { type: 'boolean', default: false },
      'load-only': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return undefined;
  const durationSeconds = Number(values.duration);
  const warmupSeconds = Number(values.warmup);
  const rounds = Number(values.rounds);
  if (!(durationSeconds >= 1 && durationSeconds <= 120) || !(warmupSeconds >= 0 && warmupSeconds <= 30)) {
    throw new Error('--duration must be 1..120 and --warmup 0..30 seconds');
  }
  const floorMode = values['floor-mode'];
  if (floorMode !== 'stream' && floorMode !== 'request') throw new Error('--floor-mode must be stream or request');
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 10 || durationSeconds / rounds < 1) {
    throw new Error('--rounds must be an integer 1..10 leaving at least 1 s per round');
  }
  const connections = values.connections?.split(',').map((count) => Number(count.trim()));
  if (connections !== undefined && !connections.every((count) => Number.isInteger(count) && count >= 1 && count <= 1024)) {
    throw new Error('--connections must be a comma-separated list of integers 1..1024');
  }
  const load = { soakSeconds: Number(values.soak), idleStreams: Number(values['idle-streams']), holdSeconds: Number(values.hold), starts: Number(values.starts) };
  if (!Number.isInteger(load.starts) || load.starts < 1 || load.starts > 50) throw new Error('--starts must be an integer 1..50');
  if (!(load.soakSeconds >= 1 && load.soakSeconds <= 3600) || !(load.holdSeconds >= 1 && load.holdSeconds <= 600)) throw new Error('--soak must be 1..3600 and --hold 1..600 seconds');
  if (!Number.isInteger(load.idleStreams) || load.idleStreams < 1 || load.idleStreams > 10_000) throw new Error('--idle-streams must be an integer 1..10000');
  if (values['no-load'] && values['load-only']) throw new Error('--no-load and --load-only exclude each other');
  return {
    durationSeconds,
    rounds,
    warmupSeconds,
    jsonPath: values.json,
    engineAsFloor: values['engine-as-floor'],
    engineFromSource: values['engine-from-source'],
    floorMode,
    cpuProfileDir: values['cpu-prof'],
    only: values.only,
    connections,
    check: values.check,
    load: values['no-load'] ? undefined : load,
    loadOnly: values['load-only'],
  };
}

async function runBench(options: BenchOptions, processes: BenchProcesses, scenarios: BenchScenario[]): Promise<TargetRun[]> {
  for (const shape of warmupScenarios(scenarios, WARMUP_CONNECTIONS)) {
    const targets = targetsOf(processes, shape);
    for (const id of TARGET_ORDER) {
      await smokeCheck(targets[id].proxy, shape);
      if (options.warmupSeconds > 0) await runLoad(targets[id].proxy.url, shape, options.warmupSeconds);
    }
  }
  const runs: TargetRun[] = [];
  for (const scenario of scenarios) {
    for (const run of await measureScenario(targetsOf(processes, scenario), TARGET_ORDER, scenario, options.durationSeconds, options.rounds)) {
      console.error(`  ${scenario.id} / ${run.target}: ${run.load.requestsPerSecond.toFixed(0)} req/s, ${run.cpuMsPerRequest.toFixed(3)} CPU ms/req`);
      runs.push(run);
    }
  }
  return runs;
}

/** The floor/engine scenarios: prints their table; whether one misses its target, and the numbers for --json. */
async function benchScenarios(options: BenchOptions, startedAt: number): Promise<{ failed: boolean; report: Record<string, unknown> }> {
  const scenarios = buildScenarios(options.connections).filter((scenario) => options.only === undefined || scenario.id.includes(options.only));
  if (scenarios.length === 0) throw new Error(`no scenario id contains '${options.only ?? ''}'`);
  const engineLabel = options.engineAsFloor ? 'floor#2' : 'engine';
  console.error(`Starting processes${options.engineAsFloor ? ' (a second floor stands in for the engine)' : ''}...`);
  const engineModule = options.engineAsFloor || options.engineFromSource ? undefined : await buildEngineBundle();
  const { processes, stop } = await startBenchProcesses(scenarios, { ...options, engineModule });
  try {
    const runs = await runBench(options, processes, scenarios);
    const ratios = computeRatios(runs, scenarios);
    console.log(
      `\nNode ${process.version}, ${availableParallelism()} CPUs, ${options.durationSeconds} s per scenario and target in ` +
        `${options.rounds} rounds, floor mode '${options.floorMode}', ${((Date.now() - startedAt) / 1000).toFixed(0)} s in all\n`,
    );
    console.log(formatTable(runs, ratios, engineLabel));
    console.log(`\n${formatCpuSplit(runs, engineLabel)}`);
    console.log(`\n${formatSummary(ratios, SCENARIO_CATEGORIES)}`);
    const missing = scenarios.length - ratios.length;
    if (missing > 0) console.log(`${missing} scenario(s) have no engine/floor ratio.`);
    const scenarioList = scenarios.map(({ verify: _verify, ...scenario }) => scenario);
    return { failed: missing > 0 || ratios.some((ratio) => !ratio.meetsTarget), report: { engineLabel, scenarios: scenarioList, runs, ratios } };
  } finally {
    await stop();
  }
}

/** The load checks (load-checks.ts): prints their table. */
async function benchLoad(options: LoadOptions): Promise<{ measurements: LoadMeasurements; checks: LoadCheck[] }> {
  const measurements = await runLoadChecks(options);
  const checks = loadChecks(measurements);
  console.log(`\nLoad checks: the engine as it ships (node cli.js serve, fresh build), RSS and CPU read from /proc\n`);
  console.log(formatLoadTable(checks));
  return { measurements, checks };
}

async function main(): Promise<number> {
  const options = readOptions();
  if (options === undefined) {
    console.log(USAGE);
    return 0;
  }
  const startedAt = Date.now();
  const scenarios = options.loadOnly ? undefined : await benchScenarios(options, startedAt);
  const load = options.load === undefined ? undefined : await benchLoad(options.load);
  if (options.jsonPath !== undefined) {
    const report = { createdAt: new Date().toISOString(), node: process.version, cpus: availableParallelism(), options, ...scenarios?.report, load };
    await writeFile(options.jsonPath, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`Results written to ${options.jsonPath}`);
  }
  const failed = scenarios?.failed === true || load?.checks.some((check) => !check.meets) === true;
  return options.check && failed ? 1 : 0;
}

runMain(main);
