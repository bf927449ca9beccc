/**
 * Where a bench child's CPU goes, beside process.cpuUsage(): the main thread's own CPU (the JavaScript
 * that serves requests, its share of GC, the kernel work of its system calls) apart from V8's helper
 * threads (background compiling, parallel and concurrent GC), and the main thread's GC pauses.
 */
import { readFileSync } from 'node:fs';
import { PerformanceObserver, constants } from 'node:perf_hooks';
import type { ProcessSnapshot } from './bench-ipc';

/** The CPU of one process over one or more windows, summed. */
export interface CpuWindow {
  userMicros: number;
  systemMicros: number;
  /** undefined where the main thread's CPU cannot be read (not Linux). */
  mainThreadMicros: number | undefined;
  gcPauseMicros: number;
  minorGcs: number;
  majorGcs: number;
}

/** Per request: what the report prints. */
export interface CpuSplit {
  userMs: number;
  systemMs: number;
  /** null where the main thread's CPU cannot be read (not Linux). */
  mainThreadMs: number | null;
  /** user + system - main thread: V8's helper threads (and libuv's pool). */
  otherThreadsMs: number | null;
  /** Time the main thread stood still for GC. */
  gcPauseMs: number;
  /** Scavenges per 1000 requests: how often the request path fills the young generation. */
  minorGcsPer1k: number;
  /** Full (mark-compact) collections per 1000 requests. */
  majorGcsPer1k: number;
}

export const EMPTY_WINDOW: CpuWindow = { userMicros: 0, systemMicros: 0, mainThreadMicros: 0, gcPauseMicros: 0, minorGcs: 0, majorGcs: 0 };

/** The window between two snapshots of one process (cumulative counters). */
export function windowBetween(before: ProcessSnapshot, after: ProcessSnapshot): CpuWindow {
  return {
    userMicros: after.cpuUserMicros - before.cpuUserMicros,
    systemMicros: after.cpuSystemMicros - before.cpuSystemMicros,
    mainThreadMicros: before.mainThreadCpuMicros === undefined || after.mainThreadCpuMicros === undefined ? undefined : after.mainThreadCpuMicros - before.mainThreadCpuMicros,
    gcPauseMicros: after.gcPauseMicros - before.gcPauseMicros,
    minorGcs: after.minorGcs - before.minorGcs,
    majorGcs: after.majorGcs - before.majorGcs,
  };
}

export function addWindows(left: CpuWindow, right: CpuWindow): CpuWindow {
  return {
    userMicros: left.userMicros + right.userMicros,
    systemMicros: left.systemMicros + right.systemMicros,
    mainThreadMicros: left.mainThreadMicros === undefined || right.mainThreadMicros === undefined ? undefined : left.mainThreadMicros + right.mainThreadMicros,
    gcPauseMicros: left.gcPauseMicros + right.gcPauseMicros,
    minorGcs: left.minorGcs + right.minorGcs,
    majorGcs: left.majorGcs + right.majorGcs,
  };
}

export function splitPerRequest(window: CpuWindow, requests: number): CpuSplit {
  const count = Math.max(1, requests);
  const perRequestMs = (micros: number): number => micros / 1000 / count;
  const { mainThreadMicros } = window;
  return {
    userMs: perRequestMs(window.userMicros),
    systemMs: perRequestMs(window.systemMicros),
    mainThreadMs: mainThreadMicros === undefined ? null : perRequestMs(mainThreadMicros),
    // schedstat (ns, scheduler clock) and cpuUsage (getrusage, µs) measure the same threads differently: never below 0.
    otherThreadsMs: mainThreadMicros === undefined ? null : Math.max(0, perRequestMs(window.userMicros + window.systemMicros - mainThreadMicros)),
    gcPauseMs: perRequestMs(window.gcPauseMicros),
    minorGcsPer1k: (window.minorGcs * 1000) / count,
    majorGcsPer1k: (window.majorGcs * 1000) / count,
  };
}

/** The first field of schedstat is the thread's time on a CPU in nanoseconds. */
export function readMainThreadCpuMicros(pid = process.pid): number | undefined {
  try {
    const nanoseconds = Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[0]);
    return Number.isFinite(nanoseconds) ? nanoseconds / 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** Starts counting GC pauses in this process; `read()` gives the totals so far (entries arrive within a tick of each GC). */
export function watchGc(): { read(): Pick<CpuWindow, 'gcPauseMicros' | 'minorGcs' | 'majorGcs'>; stop(): void } {
  const totals = { gcPauseMicros: 0, minorGcs: 0, majorGcs: 0 };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      totals.gcPauseMicros += entry.duration * 1000;
      const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MINOR) totals.minorGcs += 1;
      else if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) totals.majorGcs += 1;
    }
  });
  observer.observe({ type: 'gc' });
  return { read: () => ({ ...totals }), stop: () => observer.disconnect() };
}
