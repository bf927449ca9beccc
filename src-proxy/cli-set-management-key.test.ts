import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import bcrypt from 'bcryptjs';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { promptHidden, runSetManagementKey, type KeyCommandIo } from './cli-set-management-key';

const KEY = 'panel-key-0123456789';

/** A stdin like a terminal's: isTTY and a raw mode whose changes are recorded. */
function terminal() {
  const stdin = Object.assign(new PassThrough(), { isTTY: true, rawModes: [] as boolean[], setRawMode(mode: boolean) { stdin.rawModes.push(mode); } });
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let shown = '';
  stdout.on('data', (chunk: Buffer) => (shown += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (shown += chunk.toString()));
  return { io: { stdin, stdout, stderr } satisfies KeyCommandIo, stdin, shown: () => shown };
}

function piped(text: string) {
  const stdin = new PassThrough();
  stdin.end(text);
  const out = terminal();
  return { ...out, io: { ...out.io, stdin } };
}

describe('cliproxy set-management-key', () => {
  let folder: string;
  let configPath: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'cliproxy-set-key-'));
    configPath = join(folder, 'config.yaml');
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));
  const storedHash = async () => (parse(await readFile(configPath, 'utf8')) as { 'remote-management': { 'secret-key': string } })['remote-management']['secret-key'];

  it('the hidden prompt echoes nothing, honours backspace and restores the terminal mode', async () => {
    const { io, stdin, shown } = terminal();
    const answer = promptHidden(io, 'Key: ');
    stdin.write('abX\u007fc\r');
    expect(await answer).toBe('abc');
    expect(shown()).toBe('Key: \n');
    expect(stdin.rawModes).toEqual([true, false]);
  });

  it('Ctrl-C at the prompt cancels', async () => {
    const { io, stdin } = terminal();
    const answer = promptHidden(io, 'Key: ');
    stdin.write('ab\u0003');
    await expect(answer).rejects.toThrow(/Cancelled/);
  });

  it('on a terminal: typed twice, stored hashed, on a fresh machine after creating the config; the key is never shown', async () => {
    const { io, stdin, shown } = terminal();
    const done = runSetManagementKey(configPath, [], io);
    stdin.write(`${KEY}\r`);
    await new Promise((resolve) => setImmediate(resolve));
    stdin.write(`${KEY}\r`);
    expect(await done).toBe(0);
    expect(shown()).toContain(`Created ${configPath}`);
    expect(shown()).toContain('Set the management key');
    expect(shown()).not.toContain(KEY);
    expect(await bcrypt.compare(KEY, await storedHash())).toBe(true);
  });

  it('on a terminal: two different keys change nothing', async () => {
    await writeFile(configPath, 'port: 8317\n');
    const { io, stdin, shown } = terminal();
    const done = runSetManagementKey(configPath, [], io);
    stdin.write(`${KEY}\r`);
    await new Promise((resolve) => setImmediate(resolve));
    stdin.write(`${KEY}-typo\r`);
    expect(await done).toBe(1);
    expect(shown()).toContain('The two keys differ');
    expect(await readFile(configPath, 'utf8')).toBe('port: 8317\n');
  });

  it("piped: stdin's first line is the key (echo \"$KEY\" | cliproxy set-management-key)", async () => {
    await writeFile(configPath, 'port: 8317\n');
    const { io, shown } = piped(`${KEY}\nignored second line\n`);
    expect(await runSetManagementKey(configPath, [], io)).toBe(0);
    expect(shown()).not.toContain(KEY);
    expect(await bcrypt.compare(KEY, await storedHash())).toBe(true);
  });

  it('as an argument: stored, with a note about shell history; a too-short key is refused', async () => {
    await writeFile(configPath, 'port: 8317\n');
    const accepted = piped('');
    expect(await runSetManagementKey(configPath, [KEY], accepted.io)).toBe(0);
    expect(accepted.shown()).toContain('shell history');
    const refused = piped('');
    expect(await runSetManagementKey(configPath, ['short'], refused.io)).toBe(1);
    expect(refused.shown()).toMatch(/at least 8 characters/);
    expect(await bcrypt.compare(KEY, await storedHash())).toBe(true);
  });
});
