import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attachStrace, countFamilies, otherCalls, parseStraceSummary } from './strace-count';

const straceInstalled = (() => {
  try {
    execFileSync('strace', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

// What `strace -f -c -o <file>` (strace 6.1) wrote for a short node process, shortened.
const summary = `% time     seconds  usecs/call     calls    errors syscall
------ ----------- ----------- --------- --------- ------------------
 74.92    0.094728        1722        55         3 futex
 18.63    0.023556        5889         4           epoll_pwait
  2.28    0.002886          67        43           munmap
  0.62    0.000789          12        62           mmap
  0.41    0.000516           6        79           read
  0.20    0.000250           9        21           writev
  0.00    0.000000           0         1           sched_getaffinity
------ ----------- ----------- --------- --------- ------------------
100.00    0.126437         185       265         3 total
`;

describe('strace -c counts', () => {
  it('reads the calls of every system call, with or without errors, and not the total line', () => {
    const counts = parseStraceSummary(summary);
    expect(counts.get('futex')).toBe(55);
    expect(counts.get('epoll_pwait')).toBe(4);
    expect(counts.get('sched_getaffinity')).toBe(1);
    expect(counts.has('total')).toBe(false);
    expect([...counts.values()].reduce((sum, calls) => sum + calls, 0)).toBe(265);
  });

  it('groups the calls into socket writes, reads, epoll and futex, the rest as other', () => {
    const counts = parseStraceSummary(summary);
    expect(countFamilies(counts)).toEqual({ write: 21, read: 79, epoll: 4, futex: 55, other: 106, total: 265 });
    expect([...otherCalls(counts).keys()]).toEqual(['munmap', 'mmap', 'sched_getaffinity']);
  });

  it('refuses output that is not a summary (strace failed to attach)', () => {
    expect(() => parseStraceSummary('strace: attach: ptrace(PTRACE_SEIZE, 1): Operation not permitted\n')).toThrow(/no strace -c summary/);
  });

  it.skipIf(!straceInstalled)('counts what a running process does while attached, and only then', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'strace-count-'));
    // A process that writes a byte to /dev/null every 5 ms, forever, and says so once it does.
    const child = spawn(
      process.execPath,
      ['-e', "const fs = require('fs'); const fd = fs.openSync('/dev/null', 'w'); setInterval(() => fs.writeSync(fd, 'x'), 5); process.stdout.write('writing\\n');"],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    try {
      await new Promise((resolve) => child.stdout.once('data', resolve));
      const window = await attachStrace(child.pid ?? 0, join(folder, 'out'));
      await new Promise((resolve) => setTimeout(resolve, 500));
      const writes = (await window.stop()).get('write') ?? 0;
      // ~100 in 500 ms; a loaded machine runs the timer late, never early; the writes before attaching are not counted.
      expect(writes).toBeGreaterThanOrEqual(2);
      expect(writes).toBeLessThanOrEqual(110);
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill();
      await rm(folder, { recursive: true, force: true });
    }
  });
});
