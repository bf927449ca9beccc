import { isMainThread } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { ProcessSnapshot } from './bench-ipc';
import { addWindows, readMainThreadCpuMicros, splitPerRequest, watchGc, windowBetween } from './cpu-split';

function snapshot(values: Partial<ProcessSnapshot>): ProcessSnapshot {
  return { cpuUserMicros: 0, cpuSystemMicros: 0, peakRssBytes: 0, mainThreadCpuMicros: 0, gcPauseMicros: 0, minorGcs: 0, majorGcs: 0, ...values };
}

/** Works on this thread until the process has used `milliseconds` of CPU (wall time would depend on the machine's load). */
function burnCpu(milliseconds: number): number {
  const start = process.cpuUsage();
  let sum = 0;
  for (;;) {
    for (let index = 0; index < 10_000; index += 1) sum += Math.sqrt(sum + index);
    const used = process.cpuUsage(start);
    if (used.user + used.system >= milliseconds * 1000) return sum;
  }
}

describe('CPU split of a bench child', () => {
  // Vitest's forks pool runs this file on a process's main thread (the threads pool would not).
  it.runIf(process.platform === 'linux' && isMainThread)('reads the main thread\'s own CPU from /proc, which grows with work on it', () => {
    const before = readMainThreadCpuMicros();
    const cpuBefore = process.cpuUsage();
    burnCpu(60);
    const after = readMainThreadCpuMicros();
    const cpu = process.cpuUsage(cpuBefore);
    expect(before).toBeGreaterThan(0);
    const mainThread = (after ?? 0) - (before ?? 0);
    // The burning happened on this (the main) thread; V8's helper threads may add a little to the process's CPU.
    expect(mainThread).toBeGreaterThan(0.6 * (cpu.user + cpu.system));
    // The main thread is part of the process: never (much) more than the process's CPU over the same time.
    expect(mainThread).toBeLessThan(cpu.user + cpu.system + 15_000);
    expect(readMainThreadCpuMicros(2 ** 22 + 12_345)).toBeUndefined();
  });

  it('counts the main thread\'s GC pauses by kind', async () => {
    const watch = watchGc();
    try {
      const garbage: unknown[] = [];
      for (let round = 0; round < 200; round += 1) garbage.push(new Array(50_000).fill(round).map((value) => ({ value })));
      garbage.length = 0;
      // Entries reach observers a macrotask or two after the GC.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const counted = watch.read();
      expect(counted.minorGcs).toBeGreaterThan(0);
      expect(counted.gcPauseMicros).toBeGreaterThan(0);
    } finally {
      watch.stop();
    }
  });

  it('turns the windows between snapshots into milliseconds and collections per request', () => {
    const first = windowBetween(
      snapshot({ cpuUserMicros: 1_000, cpuSystemMicros: 500, mainThreadCpuMicros: 1_200, gcPauseMicros: 10, minorGcs: 1 }),
      snapshot({ cpuUserMicros: 401_000, cpuSystemMicros: 100_500, mainThreadCpuMicros: 401_200, gcPauseMicros: 20_010, minorGcs: 9, majorGcs: 1 }),
    );
    const second = windowBetween(snapshot({}), snapshot({ cpuUserMicros: 400_000, cpuSystemMicros: 100_000, mainThreadCpuMicros: 400_000, gcPauseMicros: 20_000, minorGcs: 8 }));
    const split = splitPerRequest(addWindows(first, second), 2_000);
    expect(split.userMs).toBeCloseTo(0.4);
    expect(split.systemMs).toBeCloseTo(0.1);
    expect(split.mainThreadMs).toBeCloseTo(0.4);
    expect(split.otherThreadsMs).toBeCloseTo(0.1);
    expect(split.gcPauseMs).toBeCloseTo(0.02);
    expect(split.minorGcsPer1k).toBeCloseTo(8);
    expect(split.majorGcsPer1k).toBeCloseTo(0.5);
  });

  it('has no thread split when a snapshot could not read the main thread, and never a negative rest', () => {
    const unreadable = windowBetween(snapshot({ mainThreadCpuMicros: undefined }), snapshot({ cpuUserMicros: 1_000 }));
    expect(splitPerRequest(unreadable, 10)).toMatchObject({ mainThreadMs: null, otherThreadsMs: null, userMs: 0.1 });
    expect(splitPerRequest(addWindows(unreadable, windowBetween(snapshot({}), snapshot({ mainThreadCpuMicros: 5 }))), 10).mainThreadMs).toBeNull();
    // schedstat can run a little ahead of getrusage: the helper threads' share is then 0, not below.
    const ahead = windowBetween(snapshot({}), snapshot({ cpuUserMicros: 1_000, mainThreadCpuMicros: 1_050 }));
    expect(splitPerRequest(ahead, 1).otherThreadsMs).toBe(0);
  });
});
