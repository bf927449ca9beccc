/**
 * The processes of one bench run and which of them serve a scenario. Started: one fake upstream per
 * wire in use, one floor per CLIENT wire (forwarding to that wire's fake), and one engine configured
 * with every fake in use (the model alias picks the upstream). With --engine-as-floor a second floor
 * per client wire stands in for the engine (an A/A check of the harness; it cannot translate, so it
 * forwards to the client's wire fake like the first floor).
 */
import { join } from 'node:path';
import { benchWires, type BenchWireId } from './bench-wires';
import { startChild, type ChildHandle, type ChildLauncher } from './child-handle';
import type { BenchUpstreamUrls } from './engine-config';
import type { FloorMode } from './floor-proxy';
import type { TargetId } from './report';
import { wiresUsed, type BenchScenario } from './scenarios';

export interface BenchProcesses<H = ChildHandle> {
  fakes: Map<BenchWireId, H>;
  floors: Map<BenchWireId, H>;
  engine: { kind: 'engine'; proxy: H } | { kind: 'second-floor'; floors: Map<BenchWireId, H> };
}

export interface ProcessOptions {
  floorMode: FloorMode;
  engineAsFloor: boolean;
  /** Folder for V8 CPU profiles of the floors and the engine (node --cpu-prof). */
  cpuProfileDir: string | undefined;
  /** The bundled engine module to measure; undefined = the TypeScript source through tsx. */
  engineModule?: string | undefined;
  /** More node options for the floors and the engine (never the fakes). */
  proxyExecArgv?: string[];
  /** Bundled floor and engine entries (buildProxyEntryBundles) instead of the TypeScript ones. */
  proxyEntries?: { floor: string; engine: string } | undefined;
  /** A program the floors and the engine run under (never the fakes), by process name: valgrind for instruction counts. */
  proxyLauncher?: ((name: string) => ChildLauncher) | undefined;
}

/**
 * The floor forwards the client's request to the fake of the client's wire; the engine gets the same
 * request and forwards (translating when the wires differ) to the fake of the scenario's upstream wire.
 */
export function targetsOf<H>(processes: BenchProcesses<H>, scenario: Pick<BenchScenario, 'id' | 'client' | 'upstream'>): Record<TargetId, { proxy: H; upstream: H }> {
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`no ${what} was started for '${scenario.id}'`);
    return value;
  };
  const floor = { proxy: need(processes.floors.get(scenario.client), `${scenario.client} floor`), upstream: need(processes.fakes.get(scenario.client), `${scenario.client} fake`) };
  const engine =
    processes.engine.kind === 'engine'
      ? { proxy: processes.engine.proxy, upstream: need(processes.fakes.get(scenario.upstream), `${scenario.upstream} fake`) }
      : { proxy: need(processes.engine.floors.get(scenario.client), `second ${scenario.client} floor`), upstream: floor.upstream };
  return { floor, engine };
}

export async function startBenchProcesses(scenarios: readonly BenchScenario[], options: ProcessOptions): Promise<{ processes: BenchProcesses; stop(): Promise<void> }> {
  const { clients, upstreams } = wiresUsed(scenarios);
  const fakeWires = [...new Set(options.engineAsFloor ? clients : [...clients, ...upstreams])];
  const started: ChildHandle[] = [];
  const stop = (): Promise<void> => Promise.all(started.splice(0).map((child) => child.stop())).then(() => undefined);
  // Start in parallel, keep track of everything that came up, stop it all when anything failed.
  const startAll = async <K>(entries: Array<[K, () => Promise<ChildHandle>]>): Promise<Map<K, ChildHandle>> => {
    const results = await Promise.allSettled(entries.map(([, start]) => start()));
    for (const result of results) if (result.status === 'fulfilled') started.push(result.value);
    const failure = results.find((result) => result.status === 'rejected');
    if (failure?.status === 'rejected') {
      await stop();
      throw failure.reason;
    }
    return new Map(entries.map(([key], index) => [key, (results[index] as PromiseFulfilledResult<ChildHandle>).value]));
  };
  // One folder per process: Node writes one profile per thread (tsx runs a loader thread), and the
  // main thread's file is the one named CPU.<date>.<time>.<pid>.0.<seq>.cpuprofile.
  const profile = (name: string): string[] => [
    ...(options.proxyExecArgv ?? []),
    ...(options.cpuProfileDir === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', join(options.cpuProfileDir, name)]),
  ];

  const fakes = await startAll(fakeWires.map((wire) => [wire, () => startChild(`${wire} fake`, benchWires[wire].fakeEntry, [])]));
  const floorOf = (wire: BenchWireId, name: string) => (): Promise<ChildHandle> =>
    startChild(name, options.proxyEntries?.floor ?? 'floor-process.ts', ['--upstream', fakes.get(wire)?.url ?? '', '--mode', options.floorMode], profile(name), options.proxyLauncher?.(name));
  const upstreamUrls: BenchUpstreamUrls = Object.fromEntries(upstreams.map((wire) => [wire, fakes.get(wire)?.url]));
  const proxies = await startAll<string>([
    ...clients.map((wire): [string, () => Promise<ChildHandle>] => [`floor ${wire}`, floorOf(wire, `floor-${wire}`)]),
    ...(options.engineAsFloor
      ? clients.map((wire): [string, () => Promise<ChildHandle>] => [`second ${wire}`, floorOf(wire, `floor-2-${wire}`)])
      : [['engine', () => startChild('engine', options.proxyEntries?.engine ?? 'engine-process.ts', ['--upstreams', JSON.stringify(upstreamUrls), ...(options.engineModule ? ['--engine-module', options.engineModule] : [])], profile('engine'), options.proxyLauncher?.('engine'))] as [string, () => Promise<ChildHandle>]]),
  ]);
  const pick = (prefix: string): Map<BenchWireId, ChildHandle> =>
    new Map(clients.flatMap((wire) => {
      const proxy = proxies.get(`${prefix} ${wire}`);
      return proxy === undefined ? [] : [[wire, proxy]];
    }));
  const engine = proxies.get('engine');
  return {
    processes: {
      fakes,
      floors: pick('floor'),
      engine: engine !== undefined ? { kind: 'engine', proxy: engine } : { kind: 'second-floor', floors: pick('second') },
    },
    stop,
  };
}
