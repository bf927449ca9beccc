/**
 * `npm run test:readme`: a newcomer's first minutes, run for real. Clones this repository's HEAD into a
 * temp folder, runs the README's set-up commands there (read from README.md, readme-setup-commands.ts)
 * with a temp HOME, and checks what the README promises: the install works offline from the npm cache,
 * the first `npm run serve` builds and serves the control panel at /management.html and says how to set
 * a management key, `npx cliproxy set-management-key` works, and a later start (fast, no build) proxies a
 * request to a local fake provider. Prints the timings. `--keep` leaves the temp folder.
 *
 * Two departures from a networked machine, both because this one reaches only the npm registry:
 * ELECTRON_SKIP_BINARY_DOWNLOAD=1 (Electron's binary comes from GitHub; nothing here runs Electron), and
 * better-sqlite3's prebuilt binary (GitHub too) is offered as a local prebuild packed from this checkout's
 * own node_modules build, instead of compiling SQLite for ~20 minutes.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { parseDocument } from 'yaml';
import { startFakeOpenAIUpstream } from '../fakes/fake-openai-upstream';
import { planSetupSteps, readSetupCommands, type SetupStep } from './readme-setup-commands';

const projectRoot = join(import.meta.dirname, '..', '..');
const MANAGEMENT_KEY = 'readme-check-key-0123456789';
const timings: string[] = [];

async function main(): Promise<void> {
  const keep = process.argv.includes('--keep');
  const folder = await mkdtemp(join(tmpdir(), 'cliproxy-readme-'));
  try {
    const clone = join(folder, 'clone');
    note(`cloning HEAD of ${projectRoot} (committed files only) into ${clone}`);
    execFileSync('git', ['clone', '--quiet', projectRoot, clone]);
    const steps = planSetupSteps(readSetupCommands(await readFile(join(clone, 'README.md'), 'utf8')));
    const env = await cloneEnvironment(folder);
    for (const step of steps) await runStep(step, clone, env);
    note(`PASS\n${timings.join('\n')}`);
  } finally {
    if (keep) note(`kept ${folder}`);
    else await rm(folder, { recursive: true, force: true });
  }
}

/** A temp HOME (so the first run creates its config there), the user's npm cache, offline. */
async function cloneEnvironment(folder: string): Promise<NodeJS.ProcessEnv> {
  const home = join(folder, 'home');
  await mkdir(home);
  const cache = execFileSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).trim();
  const prebuilds = join(folder, 'prebuilds');
  await packLocalSqlitePrebuild(prebuilds);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    npm_config_cache: cache,
    npm_config_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
    npm_config_better_sqlite3_local_prebuilds: prebuilds,
  };
  // The clone runs its own sources; nothing of this checkout's environment may leak into it.
  delete env.CLIPROXY_FROM_SOURCE;
  return env;
}

/** better-sqlite3's prebuild-install looks for `<name>-v<version>-node-v<abi>-<platform>-<arch>.tar.gz` in this folder. */
async function packLocalSqlitePrebuild(prebuilds: string): Promise<void> {
  const packageDir = join(projectRoot, 'node_modules', 'better-sqlite3');
  const { version } = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  await mkdir(prebuilds);
  const tarball = join(prebuilds, `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`);
  execFileSync('tar', ['-czf', tarball, '-C', packageDir, 'build/Release/better_sqlite3.node']);
}

async function runStep(step: SetupStep, clone: string, env: NodeJS.ProcessEnv): Promise<void> {
  switch (step.action) {
    case 'skip':
      note(`skipped '${step.command}': ${step.reason}`);
      return;
    case 'install': {
      const started = Date.now();
      note(`running '${step.command}' offline from the npm cache (slow on a busy machine)`);
      const [program = 'npm', ...args] = step.command.split(' ');
      execFileSync(program, args, { cwd: clone, env, stdio: ['ignore', 'ignore', 'inherit'] });
      timings.push(`  ${step.command}: ${seconds(started)}`);
      return;
    }
    case 'serve':
      await checkServe(step.command, clone, env);
      return;
    default: {
      const unknownStep: never = step;
      throw new Error(`unknown step ${JSON.stringify(unknownStep)}`);
    }
  }
}

async function checkServe(command: string, clone: string, env: NodeJS.ProcessEnv): Promise<void> {
  const first = await startServe(command, clone, env, 'first start (builds the control panel, creates the config)');
  try {
    check(first.stdout.includes('Building the control panel'), 'the first start builds the control panel');
    check(/^Created .*config\.yaml$/m.test(first.stdout), 'the first start creates ~/.cli-proxy-api/config.yaml');
    check(first.stdout.includes(`Control panel: ${first.origin}/management.html`), "the banner names the panel's URL");
    check(first.stdout.includes('cliproxy set-management-key'), 'with no key yet, the banner says how to set one');
    await checkControlPanel(first.origin);
  } finally {
    await stop(first.child);
  }
  const clientKey = /^API key:\s+(\S+)$/m.exec(first.stdout)?.[1];
  if (clientKey === undefined) throw new Error(`no client key in the first start's banner:\n${first.stdout}`);
  const setter = spawn('npx', ['cliproxy', 'set-management-key'], { cwd: clone, env, stdio: ['pipe', 'pipe', 'inherit'] });
  setter.stdin?.end(`${MANAGEMENT_KEY}\n`);
  check((await exitCode(setter)) === 0, 'npx cliproxy set-management-key stores a key from stdin');

  const upstream = await startFakeOpenAIUpstream({ name: 'readme-fake' });
  try {
    await addFakeProvider(join(env.HOME ?? '', '.cli-proxy-api', 'config.yaml'), upstream.baseUrl);
    const later = await startServe(command, clone, env, 'later start (panel already built)');
    try {
      check(!later.stdout.includes('Building the control panel'), 'a later start does not rebuild the panel');
      check(!later.stdout.includes('set-management-key'), 'with a key set, no hint');
      await checkProxiedRequest(later.origin, clientKey);
      const config = await request(`${later.origin}/v0/management/config`, { headers: { authorization: `Bearer ${MANAGEMENT_KEY}` } });
      await config.body.dump();
      check(config.statusCode === 200, 'the management API takes the key set with set-management-key');
    } finally {
      await stop(later.child);
    }
  } finally {
    await upstream.close();
  }
}

interface ServeRun {
  child: ChildProcess;
  origin: string;
  stdout: string;
}

/** The README's serve command on a free port; resolves once the banner's panel line is printed. */
async function startServe(command: string, clone: string, env: NodeJS.ProcessEnv, label: string): Promise<ServeRun> {
  const [program = 'npm', ...args] = command.split(' ');
  const started = Date.now();
  // detached: its own process group, so stop() reaches npm, node and the engine together.
  const child = spawn(program, [...args, '--', '--port', '0'], { cwd: clone, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const deadline = started + 10 * 60_000;
  while (!/^Control panel: /m.test(stdout)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop(child);
      throw new Error(`'${command}' did not start (${label}):\n${stdout}\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  timings.push(`  ${command}, ${label}: ${seconds(started)}`);
  const origin = /^listening on (\S+)$/m.exec(stdout)?.[1];
  if (origin === undefined) throw new Error(`no 'listening on' line:\n${stdout}`);
  return { child, origin, stdout };
}

async function checkControlPanel(origin: string): Promise<void> {
  const page = await request(`${origin}/management.html`);
  const html = await page.body.text();
  check(page.statusCode === 200, `/management.html answers 200 (got ${page.statusCode})`);
  const script = /src="\.\/(management\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  check(script !== undefined, 'the page loads the built panel script');
  const asset = await request(`${origin}/${script}`);
  await asset.body.dump();
  check(asset.statusCode === 200, `the panel script ${script} answers 200`);
}

/** An OpenAI-compatible account at the fake, added the way a user edits the file. */
async function addFakeProvider(configPath: string, baseUrl: string): Promise<void> {
  const document = parseDocument(await readFile(configPath, 'utf8'));
  document.set('openai-compatibility', document.createNode([{ name: 'readme-fake', 'base-url': baseUrl, 'api-key-entries': [{ 'api-key': 'sk-upstream-fake' }], models: [{ name: 'fake-model', alias: 'readme-model' }] }]));
  await writeFile(configPath, document.toString(), { mode: 0o600 });
}

async function checkProxiedRequest(origin: string, clientKey: string): Promise<void> {
  const answer = await request(`${origin}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${clientKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'readme-model', messages: [{ role: 'user', content: 'Hi' }] }),
  });
  const body = await answer.body.text();
  check(answer.statusCode === 200 && body.includes('Hello from readme-fake'), `a chat completion is served through the fake provider (got ${answer.statusCode}: ${body.slice(0, 200)})`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = exitCode(child);
  process.kill(-child.pid, 'SIGTERM');
  await exited;
}

function exitCode(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`FAILED: ${what}`);
  note(`ok: ${what}`);
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

function note(line: string): void {
  process.stdout.write(`[test:readme] ${line}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`[test:readme] ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
