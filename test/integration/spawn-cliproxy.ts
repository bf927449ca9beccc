import { spawn } from 'node:child_process';
import { join } from 'node:path';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'cliproxy.js');

/**
 * Runs the real `cliproxy` entry from source (a stale build never answers for the code under test),
 * with output collected and stdin open for pasted callback URLs.
 */
export function spawnCliproxy(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, CLIPROXY_FROM_SOURCE: '1', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

/** The first line of stdout matching `pattern` (its first group), e.g. the printed login URL. */
export async function waitForLine(output: () => { stdout: string }, pattern: RegExp, timeoutMs = 20_000): Promise<string> {
  const started = Date.now();
  for (;;) {
    const match = pattern.exec(output().stdout);
    if (match?.[1]) return match[1];
    if (Date.now() - started > timeoutMs) throw new Error(`nothing matching ${pattern} printed: ${output().stdout}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
