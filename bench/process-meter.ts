/**
 * RSS and CPU of another process, read from Linux's /proc, for the engine as it ships: a plain `node`
 * process without the bench's IPC channel (and without the ~40 MB tsx loader the forked children carry).
 */
import { readFileSync } from 'node:fs';

export interface ProcessUsage {
  rssBytes: number;
  /** user + system CPU since the process started. */
  cpuMicros: number;
}

/** Linux's USER_HZ, the unit of utime/stime in /proc/<pid>/stat: 100 on every mainstream kernel. */
const TICKS_PER_SECOND = 100;

export function readProcessUsage(pid: number): ProcessUsage {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]);
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces), starting at field 3 (state): utime is 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  if (!Number.isFinite(rssKb) || !Number.isFinite(ticks)) throw new Error(`cannot read /proc/${pid}`);
  return { rssBytes: rssKb * 1024, cpuMicros: (ticks * 1_000_000) / TICKS_PER_SECOND };
}

/** Samples a process's RSS every `intervalMs` until stop(); CPU is the delta between start and stop. */
export function sampleProcess(pid: number, intervalMs: number): { stop(): { rssBytes: number[]; cpuMicros: number; seconds: number } } {
  const first = readProcessUsage(pid);
  const startedAt = performance.now();
  const rssBytes: number[] = [];
  const timer = setInterval(() => rssBytes.push(readProcessUsage(pid).rssBytes), intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      const last = readProcessUsage(pid);
      rssBytes.push(last.rssBytes);
      return { rssBytes, cpuMicros: last.cpuMicros - first.cpuMicros, seconds: (performance.now() - startedAt) / 1000 };
    },
  };
}
