/**
 * `npm run test:clients`: real CLI agents (Claude Code, Codex CLI, Gemini CLI) against the engine with
 * one fake upstream per account type behind it. Not part of `npm test`: it downloads the agents from npm. See
 * README.md in this folder.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AgentDriver, CaseName } from './agents/agent-types';
import { claudeCode } from './agents/claude-code';
import { codex } from './agents/codex';
import { geminiCli } from './agents/gemini-cli';
import { installAgents, useInstalledAgents, type InstalledAgent } from './install-agents';
import type { AccountTypeName } from './account-types';
import { parseOptions, usage, type Options } from './options';
import { killAll } from './process-runner';
import { startHarness, type Harness } from './proxy-harness';
import { dumpRun, formatDetails, formatTable } from './report';
import { accountOf, runOne, type RunRecord } from './run-matrix';

const drivers: AgentDriver[] = [claudeCode, codex, geminiCli];
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

async function main(): Promise<number> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const options = parseOptions(process.argv.slice(2), join(repoRoot, 'test-results', 'test-clients', stamp));
  if (options.help) {
    process.stdout.write(usage);
    return 0;
  }
  const deadline = Date.now() + options.totalTimeoutMs;
  const root = await mkdtemp(join(tmpdir(), 'cliproxy-clients-'));
  const log = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  let harness: Harness | undefined;
  const cleanup = async (): Promise<void> => {
    killAll();
    await harness?.close().catch(() => undefined);
    harness = undefined;
    if (!options.keep) await rm(root, { recursive: true, force: true }).catch(() => undefined);
  };
  let interrupted = false;
  const onSignal = (): void => {
    // npm/tsx may relay the same signal twice: clean up once, ignore the rest.
    if (interrupted) return;
    interrupted = true;
    log('\ninterrupted: stopping agents, engine and fakes');
    void cleanup().then(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    log(`Node ${process.versions.node}; temp folder ${root}${options.keep ? ' (kept)' : ''}`);
    const selected = drivers.filter((driver) => options.agents.includes(driver.id));
    const installed = await prepareAgents(options, selected, root, log);
    for (const agent of installed) {
      log(`  ${agent.pkg}@${agent.version ?? agent.requested}: ${agent.skipReason ? `SKIP - ${agent.skipReason}` : `ok (${agent.versionOutput})`}`);
    }

    harness = await startHarness();
    const started = harness;
    log(`engine at ${harness.engine.origin}; account aliases: ${options.accounts.map((name) => accountOf(started, name).model).join(', ')}\n`);
    const records: RunRecord[] = [];
    for (const driver of selected) {
      const agent = installed.find((entry) => entry.id === driver.id) as InstalledAgent;
      for (const account of options.accounts) {
        for (const caseName of options.cases) {
          const skip = agent.skipReason ?? (Date.now() > deadline ? `total time budget (${options.totalTimeoutMs / 1000} s) used up` : undefined);
          if (skip) {
            records.push(skipped(driver, agent, account, caseName, skip));
            continue;
          }
          process.stdout.write(`${driver.label} -> ${account} (${caseName}) ... `);
          const record = await runOne(harness, driver, agent, account, caseName, { root, timeoutMs: options.timeoutMs, maxTurns: options.maxTurns, claudeAuth: options.claudeAuth });
          records.push(record);
          process.stdout.write(`${record.status.toUpperCase()} (${((record.result?.durationMs ?? 0) / 1000).toFixed(1)} s)\n`);
          if (record.status === 'fail' || options.dumpAll) {
            const folder = await dumpRun(options.dumpDir, record);
            if (record.status === 'fail') log(`    evidence: ${folder}`);
          }
        }
      }
    }
    log(`\nAgents: ${installed.map((agent) => `${agent.pkg}@${agent.version ?? agent.requested}${agent.skipReason ? ' (skipped)' : ''}`).join(', ')}; Node ${process.versions.node}\n`);
    log(formatTable(records));
    const details = formatDetails(records);
    if (details) log(`\n${details}`);
    for (const agent of installed) if (agent.skipReason) log(`\nSKIPPED ${agent.pkg}: ${agent.skipReason}`);
    const failed = records.filter((record) => record.status === 'fail').length;
    const passed = records.filter((record) => record.status === 'pass').length;
    log(`\n${passed} passed, ${failed} failed, ${records.length - passed - failed} skipped${failed > 0 || options.dumpAll ? `; evidence in ${options.dumpDir}` : ''}`);
    return failed > 0 ? 1 : 0;
  } finally {
    await cleanup();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

async function prepareAgents(options: Options, selected: AgentDriver[], root: string, log: (line: string) => void): Promise<InstalledAgent[]> {
  const packages = selected.map((driver) => ({ id: driver.id, pkg: driver.pkg, version: options.versions[driver.id] ?? driver.defaultVersion, bin: driver.bin }));
  if (options.agentsDir) {
    const prefix = resolve(options.agentsDir);
    const present = packages.every((entry) => existsSync(join(prefix, 'node_modules', ...entry.pkg.split('/'), 'package.json')));
    if (present) {
      log(`using agents installed under ${prefix}`);
      const found = await useInstalledAgents(prefix, packages);
      for (const agent of found) {
        const wanted = packages.find((entry) => entry.id === agent.id)?.version;
        if (wanted && agent.version !== wanted && !agent.skipReason) log(`  note: ${agent.pkg} there is ${agent.version}, pinned default is ${wanted}`);
      }
      return found;
    }
    return installAgents(prefix, packages, log);
  }
  return installAgents(join(root, 'agents'), packages, log);
}

function skipped(agent: AgentDriver, installed: InstalledAgent, account: AccountTypeName, caseName: CaseName, reason: string): RunRecord {
  return {
    agent,
    installed,
    account,
    caseName,
    status: 'skip',
    reason,
    notes: [],
    result: undefined,
    outcome: undefined,
    invocation: undefined,
    exchanges: [],
    upstreamRequests: {},
    engineLog: [],
    translationWarnings: [],
    summary: undefined,
  };
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    killAll();
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);
