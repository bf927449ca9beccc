/** Messages between the benchmark runner and its child processes (fork IPC channel). */

export interface ProcessSnapshot {
  /** process.cpuUsage() of the child, cumulative since it started. */
  cpuUserMicros: number;
  cpuSystemMicros: number;
  /** Highest RSS sampled since the previous snapshot (sampling every RSS_SAMPLE_MS). */
  peakRssBytes: number;
  /** The main thread's CPU, cumulative (Linux only; cpu-split.ts). */
  mainThreadCpuMicros?: number;
  /** GC pauses of the main thread and GC counts since the child started (cpu-split.ts). */
  gcPauseMicros: number;
  minorGcs: number;
  majorGcs: number;
}

/** `collect-garbage`: run a full GC first (needs --expose-gc), then answer with a snapshot. */
export type ParentMessage = { type: 'snapshot' } | { type: 'collect-garbage' } | { type: 'stop' };

export type ChildMessage =
  | { type: 'ready'; url: string }
  | ({ type: 'snapshot' } & ProcessSnapshot)
  | { type: 'failed'; message: string };

export const RSS_SAMPLE_MS = 50;

export function isParentMessage(value: unknown): value is ParentMessage {
  return isTyped(value) && (value.type === 'snapshot' || value.type === 'collect-garbage' || value.type === 'stop');
}

export function isChildMessage(value: unknown): value is ChildMessage {
  if (!isTyped(value)) return false;
  switch (value.type) {
    case 'ready':
      return typeof value['url'] === 'string';
    case 'snapshot':
      return typeof value['cpuUserMicros'] === 'number' && typeof value['peakRssBytes'] === 'number' && typeof value['gcPauseMicros'] === 'number';
    case 'failed':
      return typeof value['message'] === 'string';
    default:
      return false;
  }
}

function isTyped(value: unknown): value is Record<string, unknown> & { type: unknown } {
  return typeof value === 'object' && value !== null && 'type' in value;
}
