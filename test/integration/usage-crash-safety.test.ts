import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { UsageStore } from '../../src-proxy/usage/usage-store';
import { waitForLine } from './spawn-cliproxy';

const childScript = join(import.meta.dirname, 'usage-crash-child.ts');
let directory = '';

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'cliproxy-usage-crash-'));
});
afterEach(() => rm(directory, { recursive: true, force: true }));

it('survives kill -9 mid-recording: the file is intact and holds every request handed over more than 1 s before the kill', async () => {
  const path = join(directory, 'usage.sqlite');
  const child = spawn(process.execPath, ['--import', 'tsx', childScript, path], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  try {
    await waitForLine(() => ({ stdout }), /^(ready)$/m);
    // Several flushes have happened; the kill lands at an arbitrary point of the 250 ms cycle.
    await new Promise((resolve) => setTimeout(resolve, 2_000 + Math.floor(Math.random() * 250)));
  } finally {
    child.kill('SIGKILL');
  }
  const killedAt = Date.now();
  expect(await exited, stderr).toBe('SIGKILL');

  const handed = [...stdout.matchAll(/^handed (\d+) (\d+)$/gm)].map((match) => ({ count: Number(match[1]), at: Number(match[2]) }));
  const settled = handed.filter((line) => line.at < killedAt - 1_000).at(-1);
  expect(settled, `child printed: ${stdout.slice(0, 300)}`).toBeDefined();

  const reader = new BetterSqlite3(path);
  let stored = 0;
  try {
    expect(reader.pragma('integrity_check', { simple: true })).toBe('ok');
    const ids = (reader.prepare('SELECT CAST(request_id AS INTEGER) AS id FROM usage_requests ORDER BY id').all() as { id: string }[]).map((row) => Number(row.id));
    // Every request up to the settled count is there, and nothing is half-written: ids are 1..n without gaps.
    expect(ids.length).toBeGreaterThanOrEqual(settled!.count);
    expect(ids).toEqual(Array.from({ length: ids.length }, (_, index) => index + 1));
    stored = ids.length;
  } finally {
    reader.close();
  }
  // The store itself reopens the file and its aggregates agree with the raw rows.
  const store = UsageStore.open(path);
  try {
    expect(store.totals({ from: 0, to: killedAt + 3_600_000 }).requests).toBe(stored);
  } finally {
    store.close();
  }
});
