/** One agent run (agent x upstream x case) and its verdict from what both sides of the engine saw. */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { RecordedRequest } from '../../test/fakes/fake-openai-types';
import type { AgentDriver, AgentOutcome, AgentRunContext, CaseName } from './agents/agent-types';
import { clientExchanges, type ClientExchange } from './client-recorder';
import { baseEnv, type InstalledAgent } from './install-agents';
import type { AccountTypeName, MatrixAccount } from './account-types';
import { runProcess, type RunResult } from './process-runner';
import type { Harness } from './proxy-harness';
import { upstreamLastUserText, upstreamPairingProblems } from './upstream-inspect';
import { summarizeWire, type WireSummary } from './wire-inspect';

export const prompts: Record<CaseName, string> = {
  plain: 'Say hello in one short sentence. Do not use any tools.',
  // The fakes answer with a call of the first offered tool when the last user text says "weather".
  tool: 'What is the weather in Paris today? Use one of your tools to find out.',
};

export interface RunRecord {
  agent: AgentDriver;
  installed: InstalledAgent;
  account: AccountTypeName;
  caseName: CaseName;
  status: 'pass' | 'fail' | 'skip';
  reason: string;
  notes: string[];
  result: RunResult | undefined;
  outcome: AgentOutcome | undefined;
  invocation: { command: string; args: string[]; env: Record<string, string> } | undefined;
  exchanges: ClientExchange[];
  /** Per account type: what reached its fake during this run, in the wire's own form. */
  upstreamRequests: Partial<Record<AccountTypeName, RecordedRequest[]>>;
  engineLog: Array<Record<string, unknown>>;
  /** From the engine's debug log: what its translation dropped or changed. */
  translationWarnings: string[];
  summary: WireSummary | undefined;
}

export interface RunSettings {
  root: string;
  timeoutMs: number;
  maxTurns: number;
  claudeAuth: 'api-key' | 'auth-token';
}

export async function runOne(harness: Harness, agent: AgentDriver, installed: InstalledAgent, account: AccountTypeName, caseName: CaseName, settings: RunSettings): Promise<RunRecord> {
  const record: RunRecord = {
    agent,
    installed,
    account,
    caseName,
    status: 'fail',
    reason: '',
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
  const folder = join(settings.root, 'runs', `${agent.id}__${account}__${caseName}`);
  const home = join(folder, 'home');
  const workDir = join(folder, 'work');
  const scratch = join(folder, 'scratch');
  for (const dir of [join(home, 'tmp'), workDir, scratch]) await mkdir(dir, { recursive: true });
  const context: AgentRunContext = {
    origin: harness.engine.origin,
    clientKey: harness.clientKey,
    model: accountOf(harness, account).model,
    caseName,
    prompt: prompts[caseName],
    home,
    workDir,
    scratch,
    binPath: installed.binPath,
    env: baseEnv(home),
    maxTurns: settings.maxTurns,
    claudeAuth: settings.claudeAuth,
  };
  const invocation = await agent.prepare(context);
  record.invocation = invocation;

  const clientMark = clientExchanges().length;
  const upstreamMarks = new Map([...harness.accounts].map(([name, fake]) => [name, fake.requests.length]));
  const logMark = harness.engine.logLines().length;
  const since = (): ClientExchange[] => clientExchanges().slice(clientMark);
  // The fakes call the tool again as long as the agent's question is the last user text, so agents
  // without a turn limit of their own (Codex) would loop: stop them once the loop is evident.
  const loopLimit = settings.maxTurns + 2;
  const stopWhen = (): string | undefined => {
    if (caseName !== 'tool') return undefined;
    const withResults = summarizeWire(agent.wire, since()).generateRequests.filter((exchange) => exchange.finished && hasToolResult(agent, exchange)).length;
    return withResults >= loopLimit ? `stopped by the harness after ${withResults} tool round trips (the fake repeats the call)` : undefined;
  };
  record.result = await runProcess({ ...invocation, timeoutMs: settings.timeoutMs, stopWhen });
  // Let the engine write its last log lines (one per request, when the connection closes).
  await new Promise((resolve) => setTimeout(resolve, 300));

  record.exchanges = since();
  for (const [name, fake] of harness.accounts) record.upstreamRequests[name] = fake.requests.slice(upstreamMarks.get(name) ?? 0).map((request) => fake.unwrap(request));
  record.engineLog = harness.engine.logLines().slice(logMark);
  record.summary = summarizeWire(agent.wire, record.exchanges);
  record.outcome = await agent.interpret(record.result, context);
  judge(record, harness);
  return record;
}

function hasToolResult(agent: AgentDriver, exchange: ClientExchange): boolean {
  return summarizeWire(agent.wire, [exchange]).toolResultsSent.length > 0;
}

function judge(record: RunRecord, harness: Harness): void {
  const { result, outcome, summary } = record;
  if (!result || !outcome || !summary) return;
  const fake = accountOf(harness, record.account);
  const reached = record.upstreamRequests[record.account] ?? [];
  const failures: string[] = [];
  const notes = record.notes;

  // Evidence from the engine side, whatever the verdict.
  const badResponses = record.exchanges.filter((exchange) => exchange.status === undefined || exchange.status >= 400 || exchange.clientAborted);
  for (const exchange of badResponses) notes.push(describeExchange(exchange));
  for (const exchange of record.exchanges) if (exchange.handlerError) notes.push(`engine threw on #${exchange.seq}: ${firstLine(exchange.handlerError)}`);
  for (const line of record.engineLog) {
    if (typeof line.level === 'number' && line.level >= 40) notes.push(`engine log ${line.level >= 50 ? 'error' : 'warn'}: ${String(line.msg)} ${compact(line.err ?? line.error ?? '')}`.trim());
    // The engine logs translation warnings at debug level (the harness runs it with debug: true).
    if (line.msg === 'translation warnings' && Array.isArray(line.warnings)) {
      for (const warning of line.warnings as Array<Record<string, unknown>>) record.translationWarnings.push(`${String(warning.field)}: ${String(warning.message)}`);
    }
  }
  record.translationWarnings = unique(record.translationWarnings);
  if (record.translationWarnings.length > 0) {
    // One line: the distinct messages (array indexes stripped); the full list is in the dump.
    const distinct = unique(record.translationWarnings.map((warning) => warning.replace(/\[\d+\]/g, '[]')));
    notes.push(`translation warnings (${record.translationWarnings.length}): ${clip(distinct.join(' | '), 400)}`);
  }
  for (const problem of summary.malformed) notes.push(`wire problem in the proxy's answer ${problem}`);
  const otherUpstreams = Object.entries(record.upstreamRequests).filter(([name, requests]) => name !== record.account && requests.length > 0).map(([name]) => name);
  if (otherUpstreams.length > 0) notes.push(`requests also reached: ${otherUpstreams.join(', ')}`);

  if (result.spawnError) failures.push(`could not start: ${result.spawnError}`);
  if (result.timedOut) failures.push(`timed out after ${Math.round(result.durationMs / 1000)} s`);
  if (summary.generateRequests.length === 0) failures.push(`the agent sent no generation request to the proxy (${record.exchanges.length} other requests)`);
  else if (reached.length === 0) failures.push(`nothing reached the ${record.account} account's upstream`);
  const failedGenerations = summary.generateRequests.filter((exchange) => exchange.status === undefined || exchange.status >= 400);
  if (failedGenerations[0]) failures.push(`proxy answered ${describeExchange(failedGenerations[0])}`);
  if (summary.malformed.length > 0) failures.push(`malformed ${record.agent.wire} answer: ${summary.malformed[0]}`);
  // What reached the upstream must be valid for the real provider, not only for the lenient fake.
  for (const [index, request] of reached.entries()) {
    const problems = upstreamPairingProblems(fake.wire, request);
    if (problems[0]) failures.push(`upstream request ${index + 1} would be rejected by the real API: ${problems[0]}`);
  }

  if (record.caseName === 'plain') {
    if (outcome.error) failures.push(`agent error: ${outcome.error}`);
    else if (!outcome.finalText.includes(fake.greeting)) failures.push(`agent answered ${JSON.stringify(clip(outcome.finalText, 160))}, expected the fake's "${fake.greeting}"`);
  } else {
    judgeTool(record, fake, failures, notes);
  }
  if (result.stoppedBecause) notes.push(result.stoppedBecause);
  record.status = failures.length === 0 ? 'pass' : 'fail';
  record.reason = failures.length === 0 ? passReason(record) : unique(failures).join('; ');
  record.notes = unique(notes);
}

function judgeTool(record: RunRecord, fake: MatrixAccount, failures: string[], notes: string[]): void {
  const summary = record.summary as WireSummary;
  const outcome = record.outcome as AgentOutcome;
  if (summary.toolsOffered.length === 0) {
    failures.push('the agent offered no tools');
    return;
  }
  const call = summary.toolCallsReturned[0];
  if (!call) {
    const requests = record.upstreamRequests[record.account] ?? [];
    const upstreamSawTools = requests.some((request) => JSON.stringify(request.body ?? '').includes(summary.toolsOffered[0] ?? '\u0000'));
    const first = requests[0];
    const lastUser = first ? upstreamLastUserText(fake.wire, first) : '';
    const why = first && !/weather/i.test(lastUser) ? `; the upstream's last user text is ${JSON.stringify(clip(lastUser.replace(/\s+/g, ' '), 90))}, not the question, so the fake answered with text` : '';
    failures.push(`no tool call came back to the agent (first tool offered: ${summary.toolsOffered[0]}; the upstream ${upstreamSawTools ? 'did' : 'did not'} receive it${why})`);
    if (outcome.error) failures.push(`agent error: ${outcome.error}`);
    return;
  }
  const answered = summary.toolResultsSent.find((result) => (call.id !== undefined && result.id === call.id) || (result.id === undefined && result.name === call.name) || (call.id === undefined && result.name === call.name));
  if (!answered) {
    const anyResult = summary.toolResultsSent[0];
    failures.push(
      anyResult
        ? `the agent sent a tool result for ${anyResult.id ?? anyResult.name}, not for the call it got (${call.name} ${call.id ?? ''})`
        : `the agent got a call of ${call.name} but sent no tool result back`,
    );
    if (outcome.error) failures.push(`agent error: ${outcome.error}`);
    return;
  }
  const distinctResults = new Set(summary.toolResultsSent.map((result) => result.id ?? `${result.name}@${result.exchangeSeq}`)).size;
  notes.push(`tool ${call.name} called ${summary.toolCallsReturned.length}x, ${distinctResults} result(s) sent back`);
  if (outcome.error && !outcome.hitTurnLimit && !record.result?.stoppedBecause) failures.push(`tool round trip worked, then agent error: ${outcome.error}`);
  else if (outcome.hitTurnLimit) notes.push('agent stopped at its turn limit (the fake repeats the call)');
}

function passReason(record: RunRecord): string {
  const summary = record.summary as WireSummary;
  const outcome = record.outcome as AgentOutcome;
  if (record.caseName === 'plain') return `answered ${JSON.stringify(clip(outcome.finalText, 60))} (${summary.generateRequests.length} request${summary.generateRequests.length === 1 ? '' : 's'})`;
  const call = summary.toolCallsReturned[0];
  const end = record.result?.stoppedBecause ? 'stopped by harness (loop)' : outcome.hitTurnLimit ? 'hit its turn limit (loop)' : `answered ${JSON.stringify(clip(outcome.finalText, 40))}`;
  return `got ${call?.name ?? '?'} call, sent result back; ${end}`;
}

export function describeExchange(exchange: ClientExchange): string {
  const path = exchange.url.split('?')[0];
  const body = exchange.responseBody.toString('utf8').replace(/\s+/g, ' ');
  const status = exchange.status === undefined ? 'no status' : String(exchange.status);
  return `#${exchange.seq} ${exchange.method} ${path} -> ${status}${exchange.clientAborted ? ' (client aborted)' : ''}${body ? ` ${clip(body, 300)}` : ''}`;
}

function firstLine(text: string): string {
  return text.split('\n').slice(0, 2).join(' | ');
}

function compact(value: unknown): string {
  if (value === '' || value === undefined) return '';
  return clip(typeof value === 'string' ? value : JSON.stringify(value), 300);
}

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

export function accountOf(harness: Harness, name: AccountTypeName): MatrixAccount {
  const account = harness.accounts.get(name);
  if (!account) throw new Error(`no fake for account type ${name}`);
  return account;
}
