import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { startChild } from './child-handle';

describe('bench child processes', () => {
  it('starts the fake upstream child, reports CPU and RSS, and stops it', async () => {
    const upstream = await startChild('upstream', 'fake-upstream-process.ts', []);
    try {
      const before = await upstream.snapshot();
      const response = await request(`${upstream.url}/models`);
      expect(response.statusCode).toBe(200);
      await response.body.dump();
      const after = await upstream.snapshot();
      expect(after.cpuUserMicros + after.cpuSystemMicros).toBeGreaterThan(before.cpuUserMicros + before.cpuSystemMicros);
      expect(after.peakRssBytes).toBeGreaterThan(10 * 1024 * 1024);
    } finally {
      await upstream.stop();
    }
  }, 60_000);

  it('collects garbage in a child run with --expose-gc, then answers with a snapshot', async () => {
    const upstream = await startChild('upstream', 'fake-upstream-process.ts', [], ['--expose-gc']);
    try {
      const snapshot = await upstream.collectGarbage();
      expect(snapshot.peakRssBytes).toBeGreaterThan(10 * 1024 * 1024);
    } finally {
      await upstream.stop();
    }
    // Without the flag there is no gc() to call: the child stops with the reason instead of pretending.
    const withoutGc = await startChild('upstream', 'fake-upstream-process.ts', []);
    try {
      await expect(withoutGc.collectGarbage()).rejects.toThrow(/child exited/);
    } finally {
      await withoutGc.stop();
    }
  }, 60_000);

  it('starts the fake Anthropic child, which reports its API base with /v1', async () => {
    const upstream = await startChild('upstream', 'fake-anthropic-process.ts', []);
    try {
      expect(upstream.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      const response = await request(`${upstream.url}/models`);
      expect(response.statusCode).toBe(200);
      expect(await response.body.json()).toMatchObject({ data: expect.any(Array) });
    } finally {
      await upstream.stop();
    }
  }, 60_000);
});
