/**
 * `npm run bench`: the engine against the floor proxy, in the same run, each in its own process.
 * See bench/README.md for what is measured and how to read the ratios.
 */
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { request } from 'undici';
import type { ChildHandle } from './child-handle';
import { startChild } from './child-handle';
import type { FloorMode } from './floor-proxy';
import { computeRatios, formatSummary, formatTable, type TargetId, type TargetRun } from './report';
import { measureScenario, type TargetGroup } from './measure-scenario';
import { runLoad } from './run-load';
import { benchUpstreams, buildScenarios, buildWarmupScenarios, type BenchScenario, type BenchUpstreamId } from './scenarios';

const CPU_RATIO_TARGET = 1.3;
const WARMUP_CONNECTIONS = 16;

interface BenchOptions {
  durationSeconds: number;
  rounds: number;
  warmupSeconds: number;
  jsonPath: string | undefined;
  engineAsFloor: boolean;
  floorMode: FloorMode;
  /** Folder for V8 CPU profiles of the floor and engine children (node --cpu-prof). */
  cpuProfileDir: string | undefined;
  only: string | undefined;
  check: boolean;
}

const USAGE = `usage: npm run bench -- [--duration 5] [--warmup 1] [--json out.json] [--only <text>] [--floor-mode stream|request] [--cpu-prof <dir>] [--engine-as-floor] [--check]
  --duration <s>      measured seconds per scenario and target (default 5)
  --rounds <n>        split each measurement into n runs, alternating floor/engine order (default 2)
  --warmup <s>        seconds per warm-up run per target and request shape (default 1)
  --json <file>       also write the results as JSON
  --only <text>       run only scenarios whose id contains <text>
  --floor-mode <m>    floor implementation: stream (undici stream(), default) or request (request() + pipeline)
  --cpu-prof <dir>    write V8 CPU profiles of floor and engine (open in Chrome DevTools > Performance)
  --engine-as-floor   stand a second floor in for the engine (tests the harness without the engine)
  --check             exit with code 1 when a scenario misses the CPU target`;

function readOptions(): BenchOptions | undefined {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '5' },
      rounds: { type: 'string', default: '2' },
      warmup: { type: 'string', default: '1' },
      json: { type: 'string' },
      only: { type: 'string' },
      'engine-as-floor': { type: 'boolean', default: false },
      'floor-mode': { type: 'string', default: 'stream' },
      'cpu-prof': { type: 'string' },
      check: { type: 'boolean', default: false },
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
  return {
    durationSeconds,
    rounds,
    warmupSeconds,
    jsonPath: values.json,
    engineAsFloor: values['engine-as-floor'],
    floorMode,
    cpuProfileDir: values['cpu-prof'],
    only: values.only,
    check: values.check,
  };
}

async function startGroup(upstreamId: BenchUpstreamId, options: BenchOptions): Promise<TargetGroup> {
  const upstream = await startChild(`upstream ${upstreamId}`, benchUpstreams[upstreamId].entry, []);
  const args = ['--upstream', upstream.url];
  const floorArgs = [...args, '--mode', options.floorMode];
  // One folder per target: Node writes one profile per thread (tsx runs a loader thread), and the
  // main thread's file is the one named CPU.<date>.<time>.<pid>.0.<seq>.cpuprofile.
  const profile = (name: string): string[] =>
    options.cpuProfileDir === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', join(options.cpuProfileDir, name)];
  const started = await Promise.allSettled([
    startChild('floor', 'floor-process.ts', floorArgs, profile('floor')),
    options.engineAsFloor
      ? startChild('engine', 'floor-process.ts', floorArgs, profile('floor-2'))
      : startChild('engine', 'engine-process.ts', args, profile('engine')),
  ]);
  const [floor, engine] = started;
  if (floor?.status === 'fulfilled' && engine?.status === 'fulfilled') {
    return { upstream, targets: { floor: floor.value, engine: engine.value } };
  }
  const running = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  await Promise.all([upstream, ...running].map((child) => child.stop()));
  const failure = started.find((result) => result.status === 'rejected');
  throw failure?.status === 'rejected' ? failure.reason : new Error('a target failed to start');
}

async function smokeCheck(target: ChildHandle, scenario: BenchScenario): Promise<void> {
  const response = await request(target.url + scenario.path, {
    method: scenario.method,
    headers: scenario.headers,
    body: scenario.body,
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
  });
  const problem = scenario.verify(response.statusCode, await response.body.text());
  if (problem !== undefined) throw new Error(`smoke check of ${target.name} for '${scenario.id}' failed: ${problem}`);
}

function targetsFor(scenario: BenchScenario): TargetId[] {
  return scenario.passThrough ? ['floor', 'engine'] : ['engine'];
}

async function runBench(options: BenchOptions, groups: Map<BenchUpstreamId, TargetGroup>, scenarios: BenchScenario[]): Promise<TargetRun[]> {
  const shapes = buildWarmupScenarios(WARMUP_CONNECTIONS).filter((shape) => groups.has(shape.upstream));
  for (const shape of shapes) {
    const group = groups.get(shape.upstream);
    if (group === undefined) continue;
    for (const target of targetsFor(shape)) {
      await smokeCheck(group.targets[target], shape);
      if (options.warmupSeconds > 0) await runLoad(group.targets[target].url, shape, options.warmupSeconds);
    }
  }
  const runs: TargetRun[] = [];
  for (const scenario of scenarios) {
    const group = groups.get(scenario.upstream);
    if (group === undefined) continue;
    for (const run of await measureScenario(group, targetsFor(scenario), scenario, options.durationSeconds, options.rounds)) {
      console.error(`  ${scenario.id} / ${run.target}: ${run.load.requestsPerSecond.toFixed(0)} req/s, ${run.cpuMsPerRequest.toFixed(3)} CPU ms/req`);
      runs.push(run);
    }
  }
  return runs;
}

async function main(): Promise<number> {
  const options = readOptions();
  if (options === undefined) {
    console.log(USAGE);
    return 0;
  }
  const scenarios = buildScenarios().filter((scenario) => options.only === undefined || scenario.id.includes(options.only));
  if (scenarios.length === 0) throw new Error(`no scenario id contains '${options.only ?? ''}'`);
  const engineLabel = options.engineAsFloor ? 'floor#2' : 'engine';
  console.error(`Starting processes${options.engineAsFloor ? ' (a second floor stands in for the engine)' : ''}...`);
  const groups = new Map<BenchUpstreamId, TargetGroup>();
  try {
    for (const upstreamId of new Set(scenarios.map((scenario) => scenario.upstream))) {
      groups.set(upstreamId, await startGroup(upstreamId, options));
    }
    const runs = await runBench(options, groups, scenarios);
    const ratios = computeRatios(runs, CPU_RATIO_TARGET);
    console.log(`\nNode ${process.version}, ${availableParallelism()} CPUs, ${options.durationSeconds} s per scenario and target in ${options.rounds} rounds, floor mode '${options.floorMode}'\n`);
    console.log(formatTable(runs, ratios, CPU_RATIO_TARGET, engineLabel));
    console.log(`\n${formatSummary(ratios, CPU_RATIO_TARGET)}`);
    if (options.jsonPath !== undefined) {
      const report = { createdAt: new Date().toISOString(), node: process.version, cpus: availableParallelism(), options, cpuRatioTarget: CPU_RATIO_TARGET, engineLabel, runs, ratios };
      await writeFile(options.jsonPath, `${JSON.stringify(report, null, 2)}\n`);
      console.log(`Results written to ${options.jsonPath}`);
    }
    return options.check && ratios.some((ratio) => !ratio.meetsTarget) ? 1 : 0;
  } finally {
    const children = [...groups.values()].flatMap((group) => [group.targets.engine, group.targets.floor, group.upstream]);
    await Promise.all(children.map((child) => child.stop()));
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
