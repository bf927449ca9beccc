/**
 * `npm run test:headless`: the npm install path as a user meets it. Packs the headless package
 * (pack-headless.ts), installs the tarball globally into a temporary prefix (`npm install -g --prefix`,
 * from the npm cache where it can), then runs that prefix's `cliproxy serve` on a temporary config and
 * checks /healthz, /v1/models with the client key, the control panel, and a clean exit on SIGTERM. Also
 * checks that no build tool or desktop package was installed. Prints sizes and timings; exits 1 on a problem.
 * better-sqlite3's binary comes from this checkout's build (scripts/offline-install/pack-local-sqlite-prebuild.ts),
 * as GitHub's download would give it; still a few minutes of npm, so it is not part of `npm test` (.ci/run runs it).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { packLocalSqlitePrebuild } from '../offline-install/pack-local-sqlite-prebuild';
import { HEADLESS_PACKAGE_NAME } from './headless-package-json';
import { packHeadless } from './pack-headless';

const forbidden = /^(@?electron|electron-.*|react|react-dom|tsx|vite|vitest|typescript|esbuild|rolldown|@vitejs|playwright.*)$/;
const problems: string[] = [];
const work = mkdtempSync(join(tmpdir(), 'cliproxy-headless-'));
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

try {
  let started = Date.now();
  const pack = packHeadless(join(work, 'pack'));
  console.log(`packed ${pack.tarball} in ${seconds(started)}: tarball ${(pack.size / 1024).toFixed(0)} KiB, unpacked ${(pack.unpackedSize / 1024).toFixed(0)} KiB`);
  const packaged = Object.keys(pack.dependencies).filter((name) => forbidden.test(name));
  if (packaged.length > 0) problems.push(`build or desktop packages in dependencies: ${packaged.join(', ')}`);

  const prefix = join(work, 'prefix');
  started = Date.now();
  execFileSync('npm', ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel', 'error', pack.tarball], {
    stdio: 'inherit',
    env: { ...process.env, ...packLocalSqlitePrebuild(join(import.meta.dirname, '..', '..'), join(work, 'prebuilds')) },
  });
  console.log(`installed into ${prefix} in ${seconds(started)}`);
  const installed = join(prefix, 'lib', 'node_modules', HEADLESS_PACKAGE_NAME, 'node_modules');
  const strays = existsSync(installed) ? readdirSync(installed).flatMap((name) => (name.startsWith('@') ? readdirSync(join(installed, name)).map((inner) => `${name}/${inner}`) : [name])).filter((name) => forbidden.test(name)) : [];
  if (strays.length > 0) problems.push(`installed build or desktop packages: ${strays.join(', ')}`);

  await serveAndCheck(join(prefix, 'bin', 'cliproxy'));
} catch (error) {
  problems.push(error instanceof Error ? error.message : String(error));
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (problems.length > 0) {
  console.error(`headless install: ${problems.length} problem(s)\n${problems.map((problem) => `- ${problem}`).join('\n')}`);
  process.exit(1);
}
console.log('headless install: OK');

async function serveAndCheck(bin: string): Promise<void> {
  const configPath = join(work, 'config.yaml');
  writeFileSync(configPath, 'host: 127.0.0.1\napi-keys: [headless-smoke-key]\n', { mode: 0o600 });
  const started = Date.now();
  // HOME in the temp folder: the default auth-dir (~/.cli-proxy-api) must not be the user's.
  const child = spawn(bin, ['serve', '--config', configPath, '--port', '0'], { env: { ...process.env, HOME: work, CLIPROXY_MANAGEMENT_KEY: 'headless-smoke-management' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    let origin: string | undefined;
    while (!(origin = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1])) {
      if (child.exitCode !== null || Date.now() - started > 30_000) throw new Error(`the installed cliproxy serve did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    console.log(`installed cliproxy serve listening after ${seconds(started)}`);
    await expectStatus(`${origin}/healthz`, {}, 200);
    const models = await expectStatus(`${origin}/v1/models`, { authorization: 'Bearer headless-smoke-key' }, 200);
    if (!models.includes('"object":"list"')) problems.push(`/v1/models answered without a model list: ${models.slice(0, 200)}`);
    await expectStatus(`${origin}/v1/models`, {}, 401);
    const panel = await expectStatus(`${origin}/management.html`, {}, 200);
    if (!panel.includes('/management/assets/')) problems.push('/management.html is not the built control panel');
  } finally {
    child.kill('SIGTERM');
    const code = await exited;
    if (code !== 0) problems.push(`cliproxy serve exited ${code} on SIGTERM:\n${output}`);
  }
}

async function expectStatus(url: string, headers: Record<string, string>, status: number): Promise<string> {
  const response = await request(url, { headers });
  const body = await response.body.text();
  if (response.statusCode !== status) problems.push(`GET ${new URL(url).pathname}: ${response.statusCode}, expected ${status}`);
  return body;
}
