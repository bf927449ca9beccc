/**
 * Instruction counts of a process running under `valgrind --tool=callgrind`, read while it runs with
 * `callgrind_control` (which talks to valgrind's gdbserver through vgdb). Counts do not depend on how
 * busy the machine is, unlike CPU time, so small changes can be measured on a shared machine.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ChildLauncher } from './child-handle';

const run = promisify(execFile);

/** Even uninstrumented, valgrind starts the engine several times slower than node alone; on a busy machine, minutes. */
const CALLGRIND_READY_TIMEOUT_MS = 900_000;

/**
 * Runs a child under callgrind, uninstrumented until `startCounting` (startup runs many times faster
 * that way); a profile dumped with `dumpCallgrindProfile` lands in `<outDir>/<name>.<pid>.<n>` (read it
 * with `callgrind_annotate`).
 */
export function callgrindLauncher(outDir: string, name: string): ChildLauncher {
  return {
    command: 'valgrind',
    args: ['--tool=callgrind', '--quiet', '--instr-atstart=no', `--callgrind-out-file=${join(outDir, `${name}.%p`)}`],
    readyTimeoutMs: CALLGRIND_READY_TIMEOUT_MS,
  };
}

/** Instructions executed so far: by node's main thread (thread 1: JavaScript, the event loop) and by every thread. */
export interface InstructionTotals {
  mainThread: number;
  allThreads: number;
}

/**
 * The `Ir` (instructions executed) totals from `callgrind_control -e Ir <pid>`, thread 1 being the process's
 * first thread (node's main thread; the others are V8's background compilers and GC helpers and libuv's pool):
 *
 *   PID 11532: node hello.mjs
 *
 *     Totals:         Ir
 *      Th 1  628,662,109
 *      Th 2        3,485
 */
export function parseInstructionTotals(output: string): InstructionTotals {
  const lines = output.split('\n');
  const header = lines.findIndex((line) => /^\s*Totals:\s+Ir\s*$/.test(line));
  if (header < 0) throw new Error(`no 'Totals: Ir' in callgrind_control output: ${output.slice(0, 300)}`);
  let allThreads = 0;
  let threads = 0;
  let mainThread: number | undefined;
  for (const line of lines.slice(header + 1)) {
    const match = /^\s*Th\s*(\d+)\s+([\d,]+)\s*$/.exec(line);
    if (match === null) break;
    const count = Number((match[2] ?? '').replaceAll(',', ''));
    allThreads += count;
    threads += 1;
    if (match[1] === '1') mainThread = count;
  }
  if (threads === 0) throw new Error(`no thread counts under 'Totals: Ir': ${output.slice(0, 300)}`);
  if (mainThread === undefined) throw new Error(`no main thread (Th 1) under 'Totals: Ir': ${output.slice(0, 300)}`);
  return { mainThread, allThreads };
}

/** Instructions the process has executed so far, read without stopping it. */
export async function readInstructionCount(pid: number): Promise<InstructionTotals> {
  const { stdout } = await run('callgrind_control', ['-e', 'Ir', String(pid)]);
  return parseInstructionTotals(stdout);
}

/** Switches instrumentation on (it starts off, see callgrindLauncher): counting starts here. */
export async function startCounting(pid: number): Promise<void> {
  await run('callgrind_control', ['--instr=on', String(pid)]);
}

/** Zeroes the process's counters: the next dump covers only what runs from here. */
export async function zeroCallgrindCounters(pid: number): Promise<void> {
  await run('callgrind_control', ['--zero', String(pid)]);
}

/** Writes the counters since the last zero or dump as a profile file (see callgrindLauncher). */
export async function dumpCallgrindProfile(pid: number, description: string): Promise<void> {
  await run('callgrind_control', [`--dump=${description}`, String(pid)]);
}

/** Whether valgrind and callgrind_control are installed, so the harness can say so before starting anything. */
export async function callgrindAvailable(): Promise<boolean> {
  try {
    await run('valgrind', ['--version']);
    await run('callgrind_control', ['--version']);
    return true;
  } catch {
    return false;
  }
}
