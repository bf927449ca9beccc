/** The runner's side of a forked child (see child-runtime.ts): start, snapshot CPU/RSS, stop. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isChildMessage, type ChildMessage, type ParentMessage, type ProcessSnapshot } from './bench-ipc';

export interface ChildHandle {
  name: string;
  url: string;
  pid: number | undefined;
  snapshot(): Promise<ProcessSnapshot>;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;
const SNAPSHOT_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export async function startChild(name: string, entry: string, args: string[], extraExecArgv: string[] = []): Promise<ChildHandle> {
  const child = fork(fileURLToPath(new URL(entry, import.meta.url)), args, {
    cwd: repoRoot,
    // Children run TypeScript through tsx, like the runner; CPU is only counted around load runs,
    // so transpiling at startup does not skew the numbers.
    execArgv: ['--import', 'tsx', ...extraExecArgv],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await nextMessage(child, READY_TIMEOUT_MS, `${name} to start`);
  if (ready.type !== 'ready') {
    child.kill();
    throw new Error(`${name} failed to start: ${ready.type === 'failed' ? ready.message : ready.type}`);
  }
  return {
    name,
    url: ready.url,
    pid: child.pid,
    snapshot: async () => {
      send(child, { type: 'snapshot' });
      const reply = await nextMessage(child, SNAPSHOT_TIMEOUT_MS, `${name} snapshot`);
      if (reply.type !== 'snapshot') throw new Error(`${name}: expected a snapshot, got ${reply.type}`);
      return { cpuUserMicros: reply.cpuUserMicros, cpuSystemMicros: reply.cpuSystemMicros, peakRssBytes: reply.peakRssBytes };
    },
    stop: () => stopChild(child),
  };
}

function send(child: ChildProcess, message: ParentMessage): void {
  child.send(message);
}

function nextMessage(child: ChildProcess, timeoutMs: number, what: string): Promise<ChildMessage> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (message: unknown): void => {
      if (!isChildMessage(message)) return;
      cleanup();
      resolve(message);
    };
    const onExit = (code: number | null): void => {
      cleanup();
      reject(new Error(`child exited (code ${String(code)}) while waiting for ${what}`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    if (child.connected) send(child, { type: 'stop' });
    else child.kill();
  });
}
