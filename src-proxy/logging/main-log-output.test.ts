import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from './create-logger';
import { LogsFolder } from './logs-folder';
import { MainLogOutput } from './main-log-output';
import { readMainLog } from './read-main-log';

let dir: string;
let consoleText: string;
const console = new Writable({ write: (chunk: Buffer, _encoding, callback) => ((consoleText += chunk.toString()), callback()) });

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'main-log-'));
  consoleText = '';
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const logFiles = async () => (await readdir(dir)).filter((name) => name.endsWith('.log')).sort();

describe('MainLogOutput', () => {
  it('rotates main.log at the size limit into main-<timestamp>.log files and keeps every line', async () => {
    const output = new MainLogOutput({ logsDir: dir, console, settings: { toFile: true, maxTotalSizeMb: 0 }, rotateBytes: 2000 });
    const logger = createLogger({ debug: false, destination: output });
    for (let index = 0; index < 60; index += 1) {
      logger.info({ index }, 'line of the application log');
      if (index % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await output.close();
    const files = await logFiles();
    expect(files.length).toBeGreaterThan(2);
    expect(files).toContain('main.log');
    for (const name of files.filter((file) => file !== 'main.log')) expect(name).toMatch(/^main-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}(-\d+)?\.log$/);
    const page = await readMainLog(new LogsFolder(dir), {});
    expect(page.lines.map((line) => (JSON.parse(line) as { index: number }).index)).toEqual([...Array(60).keys()]);
    expect(consoleText).toBe('');
  });

  it('switches between the console and main.log live', async () => {
    const output = new MainLogOutput({ logsDir: dir, console, settings: { toFile: false, maxTotalSizeMb: 0 } });
    const logger = createLogger({ debug: false, destination: output });
    logger.info('to the console');
    output.apply({ toFile: true, maxTotalSizeMb: 0 });
    logger.info('to the file');
    output.apply({ toFile: false, maxTotalSizeMb: 0 });
    logger.info('back to the console');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(consoleText).toContain('to the console');
    expect(consoleText).toContain('back to the console');
    expect(consoleText).not.toContain('to the file');
    expect(await readFile(join(dir, 'main.log'), 'utf8')).toContain('to the file');
    await output.close();
  });

  it('trims the folder to logs-max-total-size-mb, oldest first, never main.log', async () => {
    const megabyte = 'x'.repeat(1024 * 1024);
    const old = new Date(Date.now() - 60_000);
    for (const name of ['main-2020-01-01T00-00-00.000.log', 'error-a.log', 'v1-chat-completions-b.log']) {
      await writeFile(join(dir, name), megabyte);
      await utimes(join(dir, name), old, old);
    }
    await writeFile(join(dir, 'main.log'), megabyte);
    await utimes(join(dir, 'main.log'), new Date(0), new Date(0));
    await new LogsFolder(dir).trimToSize(2 * 1024 * 1024);
    expect(await logFiles()).toEqual(['main.log', 'v1-chat-completions-b.log']);
  });
});

describe('readMainLog', () => {
  it('filters by after (pino time and CPA bracket lines), tails by limit and reports the latest timestamp', async () => {
    const base = Math.floor(Date.now() / 1000) - 100;
    const line = (seconds: number, text: string) => JSON.stringify({ level: 30, time: seconds * 1000, msg: text });
    const bracketLine = (seconds: number, text: string) => `[${localStamp(new Date(seconds * 1000))}] [--------] [info] [main.go:1] {"msg":"${text}"}`;
    await writeFile(join(dir, 'main-2020-01-01T00-00-00.000.log'), `${bracketLine(base, 'one')}\n${bracketLine(base + 1, 'two')}\n`);
    await writeFile(join(dir, 'main.log'), `${line(base + 2, 'three')}\n${line(base + 3, 'four')}\n`);
    const folder = new LogsFolder(dir);
    const all = await readMainLog(folder, {});
    expect(all['line-count']).toBe(4);
    expect(all['latest-timestamp']).toBe(base + 3);
    const newer = await readMainLog(folder, { after: base + 1 });
    expect(newer.lines.map(messageOf)).toEqual(['three', 'four']);
    const tail = await readMainLog(folder, { limit: 3 });
    expect(tail.lines.map(messageOf)).toEqual(['two', 'three', 'four']);
    const none = await readMainLog(folder, { after: base + 10 });
    expect(none).toEqual({ lines: [], 'line-count': 0, 'latest-timestamp': base + 10 });
  });

  it('reads an empty folder as no lines', async () => {
    expect(await readMainLog(new LogsFolder(join(dir, 'absent')), {})).toEqual({ lines: [], 'line-count': 0, 'latest-timestamp': 0 });
  });
});

function localStamp(at: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
}

function messageOf(line: string): string | undefined {
  return /"msg":"([^"]+)"/.exec(line)?.[1];
}
