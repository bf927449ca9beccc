/**
 * The load part of `npm run bench` (issue 7), on the engine as it ships: `node cli.js serve` from a fresh
 * Vite build of src-proxy/cli.ts (plain node, no tsx), measured from outside through /proc. One engine,
 * one OpenAI fake whose first N streams are slow (the idle streams) and one Anthropic fake:
 * 1. headless start, --starts times (medians): spawn to the end of the first served (translated) request and
 *    the engine's CPU by then, then its RSS after a second of rest (idle RSS); the last start stays for:
 * 2. 64-way translated streaming (OpenAI client, Anthropic upstream) for --soak seconds: zero errors,
 *    RSS sampled every second (first / last / peak against flat and the 150 MB target);
 * 3. then N concurrent streaming requests held open while the upstream trickles: all open, RSS and CPU
 *    (after the soak, so the memory of a thousand connections does not count as the 64 streams' peak).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildCliBundle } from './build-engine-bundle';
import { startChild, type ChildHandle } from './child-handle';
import { buildBenchConfig } from './engine-config';
import { findFreePort } from './free-port';
import type { LoadMeasurements, StartSample } from './load-report';
import { readProcessUsage, sampleProcess } from './process-meter';
import { openIdleStreams, runLoad, sendOnce } from './run-load';
import { buildScenarios, type BenchScenario } from './scenarios';

export interface LoadOptions {
  idleStreams: number;
  holdSeconds: number;
  soakSeconds: number;
  /** Headless starts measured; the engine of the last one runs the rest of the checks. */
  starts: number;
}

/** Delay between the slow fake's 20 deltas: the idle streams outlive opening them all plus the hold. */
const IDLE_CHUNK_DELAY_MS = 5_000;
const SOAK_WARMUP_SECONDS = 2;
/** Rest after the first served request before the idle RSS is read (timers and lazy work settle). */
const IDLE_REST_MS = 1_000;
const START_TIMEOUT_MS = 30_000;

const toMb = (bytes: number) => bytes / (1024 * 1024);

/** SIGTERM, and wait until it has exited (its port is free again). */
async function stopEngine(engine: ChildProcess): Promise<void> {
  if (engine.exitCode !== null || engine.signalCode !== null) return;
  const exited = new Promise((resolve) => engine.once('exit', resolve));
  engine.kill();
  await exited;
}

export async function runLoadChecks(options: LoadOptions): Promise<LoadMeasurements> {
  const scenarios = buildScenarios([1, 64]);
  const pick = (wanted: Pick<BenchScenario, 'client' | 'upstream' | 'stream' | 'connections'>): BenchScenario => {
    const found = scenarios.find((scenario) => (Object.keys(wanted) as Array<keyof typeof wanted>).every((key) => scenario[key] === wanted[key]));
    if (found === undefined) throw new Error(`no scenario ${JSON.stringify(wanted)}`);
    return found;
  };
  const firstRequest = pick({ client: 'openai-chat', upstream: 'anthropic-messages', stream: false, connections: 1 });
  const idleStream = pick({ client: 'openai-chat', upstream: 'openai-chat', stream: true, connections: 1 });
  const soak = pick({ client: 'openai-chat', upstream: 'anthropic-messages', stream: true, connections: 64 });

  const cli = await buildCliBundle();
  const children: ChildHandle[] = [];
  const folder = await mkdtemp(join(tmpdir(), 'cliproxy-bench-load-'));
  let engine: ChildProcess | undefined;
  try {
    const slowArgs = ['--slow-streams', String(options.idleStreams), '--chunk-delay-ms', String(IDLE_CHUNK_DELAY_MS)];
    const [openai, anthropic] = await Promise.all([startChild('slow openai-chat fake', 'fake-upstream-process.ts', slowArgs), startChild('anthropic-messages fake', 'fake-anthropic-process.ts', [])]);
    children.push(openai, anthropic);
    const port = await findFreePort();
    const configPath = join(folder, 'config.yaml');
    await writeFile(configPath, buildBenchConfig(port, { 'openai-chat': openai.url, 'anthropic-messages': anthropic.url }), { mode: 0o600 });
    const url = `http://127.0.0.1:${port}`;

    console.error(`Load: ${options.starts} headless starts of ${cli}...`);
    const starts: StartSample[] = [];
    for (;;) {
      const startedAt = performance.now();
      // Its request log lines go to /dev/null: the cost of logging stays, a terminal's does not.
      engine = spawn(process.execPath, [cli, 'serve', '--config', configPath], { stdio: ['ignore', 'ignore', 'inherit'] });
      const toFirstRequestMs = await firstServed(url, firstRequest, engine, startedAt);
      const cpuMs = readProcessUsage(engine.pid ?? 0).cpuMicros / 1000;
      await sleep(IDLE_REST_MS);
      starts.push({ toFirstRequestMs, cpuMs, idleRssMb: toMb(readProcessUsage(engine.pid ?? 0).rssBytes) });
      if (starts.length === options.starts) break;
      await stopEngine(engine);
    }
    const pid = engine.pid ?? 0;

    console.error(`Load: ${soak.id} for ${options.soakSeconds} s...`);
    await runLoad(url, soak, SOAK_WARMUP_SECONDS);
    const soaked = sampleProcess(pid, 1_000);
    const load = await runLoad(url, soak, options.soakSeconds);
    const soakUsage = soaked.stop();

    console.error(`Load: opening ${options.idleStreams} streams...`);
    const streams = await openIdleStreams(url, idleStream, options.idleStreams);
    const held = sampleProcess(pid, 250);
    await sleep(options.holdSeconds * 1000);
    const idleUsage = held.stop();
    await streams.close();

    return {
      starts,
      idle: {
        streams: options.idleStreams,
        opened: streams.opened,
        failed: streams.failed,
        firstError: streams.firstError,
        holdSeconds: options.holdSeconds,
        rssMb: idleUsage.rssBytes.map(toMb),
        cpuPercent: idleUsage.cpuMicros / 10_000 / idleUsage.seconds,
      },
      soak: {
        scenario: soak.id,
        seconds: options.soakSeconds,
        requests: load.requests,
        // autocannon counts a timeout in `errors` too.
        failures: load.non2xx + load.errors,
        non2xx: load.non2xx,
        errors: load.errors,
        timeouts: load.timeouts,
        rssMb: soakUsage.rssBytes.map(toMb),
        cpuMsPerRequest: soakUsage.cpuMicros / 1000 / Math.max(1, load.requests),
      },
    };
  } finally {
    engine?.kill();
    await Promise.all(children.map((child) => child.stop()));
    await rm(folder, { recursive: true, force: true });
  }
}

/** Polls until the engine serves `scenario` with a correct reply; ms from `startedAt` to the end of that reply. */
async function firstServed(url: string, scenario: BenchScenario, engine: ChildProcess, startedAt: number): Promise<number> {
  for (;;) {
    if (engine.exitCode !== null) throw new Error(`the engine exited with code ${engine.exitCode} before serving`);
    if (performance.now() - startedAt > START_TIMEOUT_MS) throw new Error('the engine served nothing within 30 s');
    const answer = await sendOnce(url, scenario).catch(() => undefined);
    if (answer !== undefined) {
      const problem = scenario.verify(answer.status, answer.body);
      if (problem !== undefined) throw new Error(`first request: ${problem}`);
      return performance.now() - startedAt;
    }
    await sleep(2);
  }
}
