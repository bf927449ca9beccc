import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { closedPort } from '../../test/fakes/closed-port.fixture';
import { AuthStore } from '../auth-store/auth-store';
import { parseConfigText } from '../config/load-config';
import { registerDoctorRoutes } from '../management/doctor-routes';
import { providerByAuthFileType } from '../providers/registry';
import { runDoctorCommand } from './doctor-cli';
import { runDoctor } from './run-doctor';

const folder = mkdtempSync(join(tmpdir(), 'doctor-cli-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function capture(): { out: PassThrough; text(): string } {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { out, text: () => Buffer.concat(chunks).toString('utf8') };
}

describe('cliproxy doctor', () => {
  it('prints a line per check with its fix, and exits 1 when a provider host cannot be reached', async () => {
    const configPath = join(folder, 'config.yaml');
    writeFileSync(configPath, `port: ${await closedPort()}\napi-keys: [sk-test]\nauth-dir: ${join(folder, 'auths')}\n`);
    const refusing = `http://127.0.0.1:${await closedPort()}`;
    const printed = capture();
    const code = await runDoctorCommand(configPath, join(folder, 'usage.sqlite'), printed.out, { origins: [refusing], timeoutMs: 500 });
    expect(code).toBe(1);
    expect(printed.text()).toContain('[ ok ] Client keys: 1 client key configured.');
    expect(printed.text()).toMatch(/\[FAIL\] Reach 127\.0\.0\.1:\d+: http:\/\/127\.0\.0\.1:\d+ failed: connect ECONNREFUSED.*\n {7}fix: Check your internet connection/);
    expect(printed.text()).not.toContain('sk-test');
  });

  it('a missing config is a failed check with a fix, not a crash', async () => {
    const printed = capture();
    expect(await runDoctorCommand(join(folder, 'absent.yaml'), join(folder, 'usage.sqlite'), printed.out, { origins: [] })).toBe(1);
    expect(printed.text()).toMatch(/^\[FAIL\] Config: .*absent\.yaml: cannot read the config file \(ENOENT\)\n {7}fix: correct the file .*or run `cliproxy serve` once to create it/);
  });
});

describe('GET /v0/management/doctor', () => {
  it('answers the report as JSON, uncached', async () => {
    const loaded = parseConfigText(`port: ${await closedPort()}\napi-keys: [k]\n`, { configDir: folder });
    if (!loaded.ok) throw new Error('bad test config');
    const authStore = new AuthStore(join(folder, 'none'), { providerByType: providerByAuthFileType });
    const app = Fastify();
    registerDoctorRoutes(app, { doctor: { run: () => runDoctor({ config: loaded.config, authStore, usagePath: join(folder, 'none.sqlite'), origins: [], callbackPorts: [] }), hello: async () => undefined } });
    const response = await app.inject({ method: 'GET', url: '/v0/management/doctor' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const report = response.json() as { checks: Array<{ id: string; status: string }> };
    expect(report.checks.map((check) => check.id)).toEqual(['listener', 'exposure', 'client-keys', 'clock', 'auth-files', 'usage-db']);
    expect(report.checks.find((check) => check.id === 'clock')?.status).toBe('skipped');
    await app.close();
  });
});
