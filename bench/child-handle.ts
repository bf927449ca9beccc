/** The runner's side of a forked child (see child-runtime.ts): start, snapshot CPU/RSS, stop. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isChildMessage, type ChildMessage, type ParentMessage, type ProcessSnapshot } from './bench-ipc';

export interface ChildHandle {
  name: string;
  url: string;
  pid: number | undefined;
  snapshot(): Promise<ProcessSnapshot>;
  /** A full GC in the child, then a snapshot (the child must run with --expose-gc). */
  collectGarbage(): Promise<ProcessSnapshot>;
  stop(): Promise<void>;
}

/**
 * A program the child's node runs under, e.g. valgrind: `command ...args node --import tsx <entry>`.
 * Tools that run the process slower need a longer `readyTimeoutMs`.
 */
export interface ChildLauncher {
  command: string;
  args: string[];
  readyTimeoutMs: number;
}

const READY_TIMEOUT_MS = 60_000;
// A full GC under valgrind takes seconds.
const SNAPSHOT_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** `entry`: a path relative to bench/ or absolute; .ts runs through tsx. */
export async function startChild(name: string, entry: string, args: string[], extraExecArgv: string[] = [], launcher?: ChildLauncher): Promise<ChildHandle> {
  // Children run TypeScript through tsx, like the runner; CPU is only counted around load runs,
  // so transpiling at startup does not skew the numbers. A bundled .js entry runs on plain node.
  const nodeArgs = [...(entry.endsWith('.ts') ? ['--import', 'tsx'] : []), ...extraExecArgv];
  const child = fork(fileURLToPath(new URL(entry, import.meta.url)), args, {
    cwd: repoRoot,
    // fork runs `execPath ...execArgv <entry> ...args`: under a launcher, node becomes its argument.
    ...(launcher === undefined ? { execArgv: nodeArgs } : { execPath: launcher.command, execArgv: [...launcher.args, process.execPath, ...nodeArgs] }),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // A child that never got ready is stopped too: it would be left running with nobody to stop it.
  const ready = await nextMessage(child, launcher?.readyTimeoutMs ?? READY_TIMEOUT_MS, `${name} to start`).catch((error: unknown) => {
    child.kill();
    throw error;
  });
  if (ready.type !== 'ready') {
    child.kill();
    throw new Error(`${name} failed to start: ${ready.type === 'failed' ? ready.message : ready.type}`);
  }
  return {
    name,
    url: ready.url,
    pid: child.pid,
    snapshot: () => requestSnapshot(child, name, { type: 'snapshot' }),
    collectGarbage: () => requestSnapshot(child, name, { type: 'collect-garbage' }),
    stop: () => stopChild(child),
  };
}

function send(child: ChildProcess, message: ParentMessage): void {
  child.send(message);
}

async function requestSnapshot(child: ChildProcess, name: string, message: ParentMessage): Promise<ProcessSnapshot> {
  send(child, message);
  const reply = await nextMessage(child, SNAPSHOT_TIMEOUT_MS, `${name} snapshot`);
  if (reply.type !== 'snapshot') throw new Error(`${name}: expected a snapshot, got ${reply.type}`);
  const { type: _type, ...snapshot } = reply;
  return snapshot;
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
