/** Spawns an agent CLI in its own process group, bounded in time, and collects its output. */
import { spawn } from 'node:child_process';

export interface RunOptions {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  /** Polled every 250 ms; a string stops the process (SIGTERM to its group) and is kept as the reason. */
  stopWhen?: () => string | undefined;
}

export interface RunResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  timedOut: boolean;
  /** Why the harness stopped the process early (stopWhen), if it did. */
  stoppedBecause: string | undefined;
  /** Set when the process could not be started at all. */
  spawnError: string | undefined;
}

const MAX_CAPTURE = 2 * 1024 * 1024;
const KILL_GRACE_MS = 3000;

/** Every process group this module started and that may still be alive; killed by `killAll()`. */
const liveGroups = new Set<number>();

export function runProcess(options: RunOptions): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let stoppedBecause: string | undefined;
    let spawnError: string | undefined;
    let settled = false;
    const child = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: options.env,
      // Its own process group, so the agent and anything it spawned (shell tools) end together.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const pid = child.pid;
    if (pid !== undefined) liveGroups.add(pid);
    child.stdout.on('data', (chunk: Buffer) => {
      if (stdout.length < MAX_CAPTURE) stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < MAX_CAPTURE) stderr += chunk.toString('utf8');
    });
    const stop = (): void => {
      if (pid === undefined) return;
      signalGroup(pid, 'SIGTERM');
      const hard = setTimeout(() => signalGroup(pid, 'SIGKILL'), KILL_GRACE_MS);
      hard.unref();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, options.timeoutMs);
    const poll = setInterval(() => {
      if (stoppedBecause !== undefined || !options.stopWhen) return;
      const reason = options.stopWhen();
      if (reason === undefined) return;
      stoppedBecause = reason;
      stop();
    }, 250);
    const finish = (exitCode: number | null, signal: NodeJS.Signals | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(poll);
      if (pid !== undefined) {
        // Children of the agent (a shell tool, a sandbox helper) may outlive it: end the group too.
        signalGroup(pid, 'SIGKILL');
        liveGroups.delete(pid);
      }
      resolve({ exitCode, signal, stdout, stderr, durationMs: Date.now() - started, timedOut, stoppedBecause, spawnError });
    };
    child.once('error', (error) => {
      spawnError = error.message;
      finish(null, null);
    });
    child.once('close', (code, signal) => finish(code, signal));
  });
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** Cleanup path (SIGINT, fatal error): kill every group this module started, by its id. */
export function killAll(): void {
  for (const pid of liveGroups) signalGroup(pid, 'SIGKILL');
  liveGroups.clear();
}
