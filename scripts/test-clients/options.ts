/** Command-line options of `npm run test:clients -- [options]`. */
import { accountTypeNames, type AccountTypeName } from './account-types';
import type { CaseName } from './agents/agent-types';

export interface Options {
  agents: string[];
  accounts: AccountTypeName[];
  cases: CaseName[];
  /** Per agent call. */
  timeoutMs: number;
  /** Whole matrix; runs not started by then are reported as skipped. */
  totalTimeoutMs: number;
  maxTurns: number;
  /** Dump every run, not only failing ones. */
  dumpAll: boolean;
  dumpDir: string;
  keep: boolean;
  /** Reuse agents installed under this prefix (no npm install when they are there). */
  agentsDir: string | undefined;
  versions: Record<string, string>;
  claudeAuth: 'api-key' | 'auth-token';
  help: boolean;
}

export const allAgents = ['claude-code', 'codex', 'gemini-cli'];
/** The names the first version of this harness used for the four API-key account types. */
const accountAliases: Record<string, AccountTypeName> = { openai: 'openai-compatible', anthropic: 'claude-api-key', gemini: 'gemini-api-key', responses: 'codex-api-key' };
const allCases: CaseName[] = ['plain', 'tool'];
const agentAliases: Record<string, string> = { claude: 'claude-code', 'claude-code': 'claude-code', codex: 'codex', gemini: 'gemini-cli', 'gemini-cli': 'gemini-cli' };

export const usage = `npm run test:clients -- [options]

Installs Claude Code, Codex CLI and Gemini CLI from npm into a temp folder, starts the engine with one
fake upstream per account type, runs every agent against every account type (plain answer and a tool
call), prints agent x account x case -> pass/fail with the reason.

  --agents=claude-code,codex,gemini-cli   which agents (also: claude, gemini)
  --accounts=openai-compatible,claude-api-key,gemini-api-key,codex-api-key,claude,codex,gemini-cli,qwen,iflow
                         account types (also --upstreams=; openai, anthropic, gemini, responses name the key types)
  --cases=plain,tool
  --timeout=150          seconds per agent call
  --total-timeout=1800   seconds for the whole matrix
  --max-turns=3          turn limit given to the agents (the fakes repeat tool calls)
  --dump                 write the evidence of every run, not only of failing ones
  --dump-dir=DIR         where evidence goes (test-results/test-clients/<time>)
  --keep                 keep the temp folder (agents installed, homes, engine config)
  --agents-dir=DIR       use agents already installed under DIR (npm install --prefix DIR ...)
  --claude-auth-token    give Claude Code the key as ANTHROPIC_AUTH_TOKEN (Bearer) instead of ANTHROPIC_API_KEY
  --claude-code-version=V --codex-version=V --gemini-cli-version=V   override the pinned versions
`;

export function parseOptions(argv: string[], defaultDumpDir: string): Options {
  const options: Options = {
    agents: [...allAgents],
    accounts: [...accountTypeNames],
    cases: [...allCases],
    timeoutMs: 150_000,
    totalTimeoutMs: 1_800_000,
    maxTurns: 3,
    dumpAll: false,
    dumpDir: defaultDumpDir,
    keep: false,
    agentsDir: undefined,
    versions: {},
    claudeAuth: 'api-key',
    help: false,
  };
  for (const argument of argv) {
    const [flag, value] = splitFlag(argument);
    switch (flag) {
      case '--agents':
        options.agents = list(value).map((name) => {
          const id = agentAliases[name];
          if (!id) throw new Error(`unknown agent '${name}' (known: ${allAgents.join(', ')})`);
          return id;
        });
        break;
      case '--accounts':
      case '--upstreams':
        options.accounts = list(value).map((name) => {
          const account = accountAliases[name] ?? accountTypeNames.find((known) => known === name);
          if (!account) throw new Error(`unknown account type '${name}' (known: ${accountTypeNames.join(', ')})`);
          return account;
        });
        break;
      case '--cases':
        options.cases = list(value).map((name) => {
          if (!(allCases as string[]).includes(name)) throw new Error(`unknown case '${name}' (known: ${allCases.join(', ')})`);
          return name as CaseName;
        });
        break;
      case '--timeout':
        options.timeoutMs = seconds(flag, value);
        break;
      case '--total-timeout':
        options.totalTimeoutMs = seconds(flag, value);
        break;
      case '--max-turns':
        options.maxTurns = Math.max(1, Math.round(seconds(flag, value) / 1000));
        break;
      case '--dump':
        options.dumpAll = true;
        break;
      case '--dump-dir':
        options.dumpDir = required(flag, value);
        break;
      case '--keep':
        options.keep = true;
        break;
      case '--claude-auth-token':
        options.claudeAuth = 'auth-token';
        break;
      case '--agents-dir':
        options.agentsDir = required(flag, value);
        break;
      case '--help':
      case '-h':
        options.help = true;
        break;
      default: {
        const versionFlag = /^--(claude-code|codex|gemini-cli)-version$/.exec(flag);
        if (!versionFlag?.[1]) throw new Error(`unknown option ${argument}\n\n${usage}`);
        options.versions[versionFlag[1]] = required(flag, value);
      }
    }
  }
  return options;
}

function splitFlag(argument: string): [string, string | undefined] {
  const equals = argument.indexOf('=');
  return equals < 0 ? [argument, undefined] : [argument.slice(0, equals), argument.slice(equals + 1)];
}

function required(flag: string, value: string | undefined): string {
  if (value === undefined || value === '') throw new Error(`${flag} needs a value: ${flag}=...`);
  return value;
}

function list(value: string | undefined): string[] {
  return (value ?? '').split(',').map((part) => part.trim()).filter(Boolean);
}

/** A positive number; returned in milliseconds (seconds * 1000). */
function seconds(flag: string, value: string | undefined): number {
  const number = Number(required(flag, value));
  if (!Number.isFinite(number) || number <= 0) throw new Error(`${flag} must be a positive number`);
  return number * 1000;
}
