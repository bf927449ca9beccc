/**
 * The child side of the benchmark: start a server, report `ready` with its URL, answer CPU/RSS
 * snapshots, stop on request. Used by every *-process.ts entry so each target is measured alike.
 */
import { RSS_SAMPLE_MS, isParentMessage, type ChildMessage } from './bench-ipc';
import { readMainThreadCpuMicros, watchGc } from './cpu-split';

export interface ChildServer {
  url: string;
  stop(): Promise<void>;
}

export function runChildProcess(start: () => Promise<ChildServer>): void {
  const send = (message: ChildMessage): void => {
    process.send?.(message);
  };
  if (process.send === undefined) {
    console.error('This entry is meant to be forked by bench/run-bench.ts (it needs an IPC channel).');
    process.exitCode = 1;
    return;
  }
  // tsx turns on source maps for the children it loads; the engine as it ships runs without them. With them,
  // the first error stack through the engine bundle parses its source map (~40 MB kept in the heap) and every
  // further stack is mapped: requests the load generator cuts off at the end of a run paid for that.
  process.setSourceMapsEnabled(false);
  const gcWatch = watchGc();
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, RSS_SAMPLE_MS);
  sampler.unref();

  start().then(
    (server) => {
      let stopping: Promise<void> | undefined;
      const shutdown = (): Promise<void> => {
        clearInterval(sampler);
        gcWatch.stop();
        stopping ??= server.stop().finally(() => process.exit(0));
        return stopping;
      };
      process.on('message', (message: unknown) => {
        if (!isParentMessage(message)) return;
        if (message.type === 'stop') {
          void shutdown();
          return;
        }
        if (message.type === 'collect-garbage') collectGarbage();
        // A little later, so the performance entries of GCs that just ran have been delivered.
        setTimeout(() => {
          const cpu = process.cpuUsage();
          const mainThreadCpuMicros = readMainThreadCpuMicros();
          const rss = process.memoryUsage.rss();
          send({
            type: 'snapshot',
            cpuUserMicros: cpu.user,
            cpuSystemMicros: cpu.system,
            peakRssBytes: Math.max(peakRss, rss),
            ...(mainThreadCpuMicros === undefined ? {} : { mainThreadCpuMicros }),
            ...gcWatch.read(),
          });
          peakRss = rss;
        }, 5);
      });
      // The runner going away must not leave an orphan server behind.
      process.on('disconnect', () => void shutdown());
      send({ type: 'ready', url: server.url });
    },
    (error: unknown) => {
      send({ type: 'failed', message: error instanceof Error ? error.stack ?? error.message : String(error) });
      process.exitCode = 1;
      process.disconnect();
    },
  );
}

/** A full GC when node runs with --expose-gc (the instruction counts start every window from a collected heap). */
function collectGarbage(): void {
  const gc: unknown = Reflect.get(globalThis, 'gc');
  if (typeof gc === 'function') {
    gc();
    return;
  }
  // The runner's mistake, not a crash of the child: say so and stop (the runner then reports that the child exited).
  console.error('collect-garbage needs node --expose-gc');
  process.exit(1);
}

/** Value of `--name value` in this process's argv (children get their wiring on the command line). */
export function readArgument(name: string): string {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? process.argv[index + 1] : undefined;
  if (value === undefined) throw new Error(`missing --${name} argument`);
  return value;
}
