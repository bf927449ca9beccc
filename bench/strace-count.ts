/**
 * System calls of a running process, counted by `strace -f -c` attached to it (every thread) for one
 * window: the kernel-side work per request that instruction counts do not see (socket writes, reads,
 * epoll, futex wake-ups of V8's helper threads).
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';

/** Calls per system call name over one window. */
export type SyscallCounts = Map<string, number>;

export interface StraceWindow {
  /** Detaches strace and returns what it counted since it attached. */
  stop(): Promise<SyscallCounts>;
}

const ATTACH_TIMEOUT_MS = 30_000;

/** Attaches `strace -f -c` to `pid` (its summary goes to `outFile`); resolves once every thread is traced. */
export function attachStrace(pid: number, outFile: string): Promise<StraceWindow> {
  const tracer = spawn('strace', ['-f', '-c', '-o', outFile, '-p', String(pid)], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => tracer.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => fail(new Error(`strace did not attach to ${pid} within ${ATTACH_TIMEOUT_MS} ms: ${stderr}`)), ATTACH_TIMEOUT_MS);
    const fail = (error: Error): void => {
      clearTimeout(timer);
      tracer.kill('SIGKILL');
      reject(error);
    };
    tracer.once('error', fail);
    void exited.then((code) => fail(new Error(`strace exited (${code}) before attaching to ${pid}: ${stderr.trim()}`)));
    tracer.stderr.on('data', (data: Buffer) => {
      stderr += data.toString('utf8');
      // `strace: Process 123 attached with 11 threads` (or `attached` for a single thread).
      if (!/Process \d+ attached/.test(stderr)) return;
      clearTimeout(timer);
      tracer.stderr.removeAllListeners('data');
      tracer.stderr.resume();
      resolve({
        stop: async () => {
          tracer.kill('SIGINT');
          await exited;
          return parseStraceSummary(await readFile(outFile, 'utf8'));
        },
      });
    });
  });
}

/**
 * The table `strace -c` writes:
 *
 *   % time     seconds  usecs/call     calls    errors syscall
 *   ------ ----------- ----------- --------- --------- ----------------
 *    45.10    0.001234          12       100           writev
 *    20.00    0.000500           5       100        40 read
 *   ------ ----------- ----------- --------- --------- ----------------
 *   100.00    0.002734          13       200        40 total
 */
export function parseStraceSummary(output: string): SyscallCounts {
  const counts: SyscallCounts = new Map();
  const lines = output.split('\n');
  const header = lines.findIndex((line) => /^\s*% time\s+seconds\s+usecs\/call\s+calls/.test(line));
  if (header < 0) throw new Error(`no strace -c summary: ${output.slice(0, 300)}`);
  for (const line of lines.slice(header + 2)) {
    if (/^[-\s]+$/.test(line)) break;
    const columns = line.trim().split(/\s+/);
    const name = columns[columns.length - 1] ?? '';
    const calls = Number(columns[3]);
    if (!Number.isInteger(calls)) throw new Error(`unreadable strace -c line: ${line}`);
    counts.set(name, calls);
  }
  return counts;
}

/** The families a per-request comparison reads: writes to sockets, reads from them, the event loop's waits, threads' wake-ups. */
export const syscallFamilies = {
  write: ['write', 'writev', 'sendmsg', 'sendto', 'sendmmsg'],
  read: ['read', 'readv', 'recvmsg', 'recvfrom', 'recvmmsg'],
  epoll: ['epoll_wait', 'epoll_pwait', 'epoll_pwait2', 'epoll_ctl'],
  futex: ['futex'],
} as const satisfies Record<string, readonly string[]>;

export type SyscallFamily = keyof typeof syscallFamilies | 'other' | 'total';

const familyOf = new Map<string, SyscallFamily>(Object.entries(syscallFamilies).flatMap(([family, names]) => names.map((name) => [name, family as SyscallFamily])));

/** Calls per family (and `other`, `total`) in one window. */
export function countFamilies(counts: SyscallCounts): Record<SyscallFamily, number> {
  const result: Record<SyscallFamily, number> = { write: 0, read: 0, epoll: 0, futex: 0, other: 0, total: 0 };
  for (const [name, calls] of counts) {
    result[familyOf.get(name) ?? 'other'] += calls;
    result.total += calls;
  }
  return result;
}

/** The calls counted as `other`: outside every named family. */
export function otherCalls(counts: SyscallCounts): SyscallCounts {
  return new Map([...counts].filter(([name]) => !familyOf.has(name)));
}
