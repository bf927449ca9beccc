/**
 * Child entry: the real engine, in-process, with one provider entry per fake upstream.
 * Args: --upstreams '{"openai-chat":"http://127.0.0.1:1234/v1",...}' (the API bases the fakes reported).
 * Clients authenticate with `bench-key`; the engine must send `up-key`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { readArgument, runChildProcess } from './child-runtime';
import { buildBenchConfig, type BenchUpstreamUrls } from './engine-config';
import { findFreePort } from './free-port';

runChildProcess(async () => {
  const upstreams = JSON.parse(readArgument('upstreams')) as BenchUpstreamUrls;
  const folder = await mkdtemp(join(tmpdir(), 'cliproxy-bench-'));
  const configPath = join(folder, 'config.yaml');
  // --usage-statistics on|off sets usage-statistics-enabled (usage-cost.ts); absent: the engine's default.
  const usage = process.argv.includes('--usage-statistics') ? { usageStatistics: readArgument('usage-statistics') === 'on' } : {};
  await writeFile(configPath, buildBenchConfig(await findFreePort(), upstreams, usage), { mode: 0o600 });
  // Logging is part of the engine's cost, but writing it to a terminal is not: discard the bytes.
  const discard = new Writable({ write: (_chunk, _encoding, callback) => callback() });
  // The bundle when the runner built one (what ships), else the source (--engine-from-source).
  const modulePath = process.argv.includes('--engine-module') ? readArgument('engine-module') : '../src-proxy/index';
  const { createEngine } = (await import(modulePath)) as typeof import('../src-proxy/index');
  const engine = await createEngine({ configPath, logDestination: discard });
  const status = await engine.start();
  return {
    url: `http://127.0.0.1:${status.port}`,
    stop: async () => {
      await engine.stop();
      await rm(folder, { recursive: true, force: true });
    },
  };
});
