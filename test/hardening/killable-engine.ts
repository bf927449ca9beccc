import { spawnCliproxy, waitForLine } from '../integration/spawn-cliproxy';

/** The real `cliproxy serve` in its own process, to be ended by SIGKILL (no shutdown code runs). */
export interface KillableEngine {
  /** e.g. http://127.0.0.1:40123 */
  origin: string;
  /** SIGKILL, resolved once the process is gone; the time of the kill. */
  kill(): Promise<number>;
  output(): { stdout: string; stderr: string };
}

/** Starts `cliproxy serve --config <configPath> --port 0` from source and waits until it listens. */
export async function startKillableEngine(configPath: string, env: Record<string, string>): Promise<KillableEngine> {
  const run = spawnCliproxy(['serve', '--config', configPath, '--port', '0'], env);
  let origin: string;
  try {
    origin = await waitForLine(run.output, /^listening on (\S+)$/m, 40_000);
  } catch (error) {
    run.child.kill('SIGKILL');
    throw new Error(`${error instanceof Error ? error.message : String(error)}\nstderr: ${run.output().stderr}`);
  }
  return {
    origin,
    output: run.output,
    kill: async () => {
      const killedAt = Date.now();
      run.child.kill('SIGKILL');
      await run.exited;
      return killedAt;
    },
  };
}
