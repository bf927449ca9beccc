/**
 * Installs the agent CLIs from npm into a throw-away prefix and decides, per agent, whether it can run
 * here: its `engines.node` must accept this Node, and `<bin> --version` must work (native binaries that
 * cannot run on this OS/arch fail there). An agent that cannot run is skipped with the reason.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { runProcess } from './process-runner';

export interface AgentPackage {
  id: string;
  pkg: string;
  version: string;
  bin: string;
}

export interface InstalledAgent {
  id: string;
  pkg: string;
  requested: string;
  /** The version npm installed (from its package.json), undefined when the install failed. */
  version: string | undefined;
  enginesNode: string | undefined;
  binPath: string;
  /** `--version` output of the installed binary. */
  versionOutput: string;
  /** Set when the agent cannot run here; the runs of this agent are skipped with this reason. */
  skipReason: string | undefined;
}

const INSTALL_TIMEOUT_MS = 8 * 60_000;
const VERSION_TIMEOUT_MS = 60_000;

/** A minimal environment for npm and the agents: no inherited keys, proxies or user config. */
export function baseEnv(home: string): Record<string, string> {
  const env: Record<string, string> = {
    // The Node running this script comes first, so `#!/usr/bin/env node` agents get the same Node.
    PATH: [dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'].join(':'),
    HOME: home,
    USER: 'cliproxy-test',
    LANG: 'C.UTF-8',
    TERM: 'xterm-256color',
    NO_COLOR: '1',
    CI: '1',
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_STATE_HOME: join(home, '.local', 'state'),
    TMPDIR: join(home, 'tmp'),
  };
  return env;
}

export async function installAgents(prefix: string, packages: AgentPackage[], log: (line: string) => void): Promise<InstalledAgent[]> {
  await mkdir(prefix, { recursive: true });
  const home = join(prefix, 'probe-home');
  await mkdir(join(home, 'tmp'), { recursive: true });
  // npm runs with the user's own environment (registry, CA certificates such as NODE_EXTRA_CA_CERTS,
  // proxy, cache): only the agents get the stripped-down one.
  const npmEnv: Record<string, string> = { ...inheritedEnv(), npm_config_update_notifier: 'false' };
  const specs = packages.map((entry) => `${entry.pkg}@${entry.version}`);
  log(`npm install --prefix ${prefix} ${specs.join(' ')}`);
  const all = await npmInstall(prefix, specs, npmEnv);
  if (!all.ok) {
    // One bad package must not sink the others: try them one by one.
    log(`  combined install failed (${all.error}); installing one by one`);
    for (const spec of specs) {
      const single = await npmInstall(prefix, [spec], npmEnv);
      if (!single.ok) log(`  ${spec}: ${single.error}`);
    }
  }
  const installed: InstalledAgent[] = [];
  for (const entry of packages) installed.push(await inspectAgent(prefix, entry, home));
  return installed;
}

/** Uses agents already installed under `prefix` (e.g. by an earlier run with --keep). */
export async function useInstalledAgents(prefix: string, packages: AgentPackage[]): Promise<InstalledAgent[]> {
  const home = join(prefix, 'probe-home');
  await mkdir(join(home, 'tmp'), { recursive: true });
  const installed: InstalledAgent[] = [];
  for (const entry of packages) installed.push(await inspectAgent(prefix, entry, home));
  return installed;
}

function inheritedEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  return env;
}

async function npmInstall(prefix: string, specs: string[], env: Record<string, string>): Promise<{ ok: boolean; error: string }> {
  const npm = join(dirname(process.execPath), 'npm');
  const result = await runProcess({
    command: existsSync(npm) ? npm : 'npm',
    args: ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--loglevel=error', ...specs],
    cwd: prefix,
    env,
    timeoutMs: INSTALL_TIMEOUT_MS,
  });
  if (result.exitCode === 0) return { ok: true, error: '' };
  const reason = result.timedOut ? 'timed out' : (result.spawnError ?? lastLines(result.stderr || result.stdout, 6));
  return { ok: false, error: reason };
}

async function inspectAgent(prefix: string, entry: AgentPackage, home: string): Promise<InstalledAgent> {
  const binPath = join(prefix, 'node_modules', '.bin', entry.bin);
  const agent: InstalledAgent = {
    id: entry.id,
    pkg: entry.pkg,
    requested: entry.version,
    version: undefined,
    enginesNode: undefined,
    binPath,
    versionOutput: '',
    skipReason: undefined,
  };
  const manifestPath = join(prefix, 'node_modules', ...entry.pkg.split('/'), 'package.json');
  if (!existsSync(manifestPath)) {
    agent.skipReason = `${entry.pkg}@${entry.version} is not installed (npm install failed, see above)`;
    return agent;
  }
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { version?: string; engines?: { node?: string } };
  agent.version = manifest.version;
  agent.enginesNode = manifest.engines?.node;
  if (agent.enginesNode && !satisfiesNodeRange(process.versions.node, agent.enginesNode)) {
    agent.skipReason = `${entry.pkg}@${agent.version} needs Node ${agent.enginesNode} (engines.node); this is Node ${process.versions.node}`;
    return agent;
  }
  if (!existsSync(binPath)) {
    agent.skipReason = `${entry.pkg}@${agent.version} has no '${entry.bin}' binary in node_modules/.bin`;
    return agent;
  }
  const probe = await runProcess({ command: binPath, args: ['--version'], cwd: home, env: baseEnv(home), timeoutMs: VERSION_TIMEOUT_MS });
  agent.versionOutput = probe.stdout.trim().split('\n').pop() ?? '';
  if (probe.exitCode !== 0) {
    const why = probe.timedOut ? 'timed out' : (probe.spawnError ?? `exit ${String(probe.exitCode ?? probe.signal)}: ${lastLines(probe.stderr || probe.stdout, 4)}`);
    agent.skipReason = `${entry.pkg}@${agent.version}: '${entry.bin} --version' does not run on this machine (${process.platform}-${process.arch}): ${why}`;
  }
  return agent;
}

/**
 * Whether `version` satisfies an npm `engines` range: `||` alternatives of space-separated comparators
 * (`>=`, `>`, `<=`, `<`, `=`, `^`, `~`, bare or x-ranges). Enough for the ranges CLIs publish.
 */
export function satisfiesNodeRange(version: string, range: string): boolean {
  const actual = parseVersion(version);
  if (!actual) return true;
  return range.split('||').some((alternative) => {
    const comparators = alternative.trim().split(/\s+/).filter(Boolean);
    return comparators.length === 0 || comparators.every((comparator) => satisfiesComparator(actual, comparator));
  });
}

function satisfiesComparator(actual: number[], comparator: string): boolean {
  const match = /^(>=|<=|>|<|=|\^|~)?v?(\d+|x|\*)?(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?/.exec(comparator);
  if (!match || match[2] === undefined || match[2] === 'x' || match[2] === '*') return true;
  const operator = match[1] ?? '=';
  const parts = [match[2], match[3], match[4]].map((part) => (part === undefined || part === 'x' || part === '*' ? undefined : Number(part)));
  const wanted = parts.map((part) => part ?? 0);
  const order = compare(actual, wanted);
  switch (operator) {
    case '>=':
      return order >= 0;
    case '>':
      return order > 0;
    case '<=':
      return order <= 0;
    case '<':
      return order < 0;
    case '^':
      return order >= 0 && actual[0] === wanted[0];
    case '~':
      return order >= 0 && actual[0] === wanted[0] && (parts[1] === undefined || actual[1] === wanted[1]);
    default:
      return parts.every((part, index) => part === undefined || actual[index] === part);
  }
}

function parseVersion(version: string): number[] | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

function compare(a: number[], b: number[]): number {
  for (let index = 0; index < 3; index += 1) {
    const diff = (a[index] ?? 0) - (b[index] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

export function lastLines(text: string, count: number): string {
  return text.trim().split('\n').slice(-count).join(' | ').slice(0, 600);
}
