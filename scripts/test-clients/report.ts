/** The result table, and the evidence of a run written to disk (client bodies, upstream records, logs). */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { requestJson, type ClientExchange } from './client-recorder';
import { clip, type RunRecord } from './run-matrix';

export function formatTable(records: RunRecord[]): string {
  const rows = records.map((record) => [record.agent.label, record.account, record.caseName, record.status.toUpperCase(), clip(record.reason, 150)]);
  const header = ['agent', 'account type', 'case', 'result', 'reason'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]): string => `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export function formatDetails(records: RunRecord[]): string {
  const parts: string[] = [];
  for (const record of records) {
    if (record.status === 'skip') continue;
    const title = `${record.agent.label} -> ${record.account} (${record.caseName}): ${record.status.toUpperCase()}`;
    const lines = [`- ${record.reason}`, ...record.notes.map((note) => `  note: ${note}`)];
    if (record.result) lines.push(`  exit ${String(record.result.exitCode ?? record.result.signal)} after ${(record.result.durationMs / 1000).toFixed(1)} s; ${record.exchanges.length} client requests, ${(record.upstreamRequests[record.account] ?? []).length} at the upstream`);
    parts.push([title, ...lines].join('\n'));
  }
  return parts.join('\n\n');
}

/** Writes everything about one run under `dir`; returns the folder. */
export async function dumpRun(dir: string, record: RunRecord): Promise<string> {
  const folder = join(dir, `${record.agent.id}__${record.account}__${record.caseName}`);
  await mkdir(join(folder, 'client'), { recursive: true });
  await mkdir(join(folder, 'upstream'), { recursive: true });
  const summary = {
    agent: `${record.installed.pkg}@${record.installed.version}`,
    account: record.account,
    case: record.caseName,
    status: record.status,
    reason: record.reason,
    notes: record.notes,
    invocation: record.invocation,
    exit: record.result ? { code: record.result.exitCode, signal: record.result.signal, durationMs: record.result.durationMs, timedOut: record.result.timedOut, stoppedBecause: record.result.stoppedBecause } : undefined,
    outcome: record.outcome,
    translationWarnings: record.translationWarnings,
    wire: record.summary
      ? {
          generateRequests: record.summary.generateRequests.map((exchange) => exchange.seq),
          toolsOffered: record.summary.toolsOffered,
          toolCallsReturned: record.summary.toolCallsReturned,
          toolResultsSent: record.summary.toolResultsSent,
          textReturned: record.summary.textReturned,
          malformed: record.summary.malformed,
        }
      : undefined,
  };
  await writeFile(join(folder, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  await writeFile(join(folder, 'agent-stdout.txt'), record.result?.stdout ?? '');
  await writeFile(join(folder, 'agent-stderr.txt'), record.result?.stderr ?? '');
  await writeFile(join(folder, 'engine-log.jsonl'), record.engineLog.map((line) => JSON.stringify(line)).join('\n') + '\n');
  for (const exchange of record.exchanges) await dumpExchange(join(folder, 'client'), exchange);
  for (const [name, requests] of Object.entries(record.upstreamRequests)) {
    for (const [index, request] of requests.entries()) {
      await writeFile(join(folder, 'upstream', `${name}-${String(index + 1).padStart(2, '0')}.json`), `${JSON.stringify(request, null, 2)}\n`);
    }
  }
  return folder;
}

async function dumpExchange(folder: string, exchange: ClientExchange): Promise<void> {
  const name = `${String(exchange.seq).padStart(3, '0')}-${exchange.method}-${(exchange.url.split('?')[0] ?? '').replace(/[^A-Za-z0-9.:-]+/g, '_').replace(/^_/, '')}`;
  const json = requestJson(exchange);
  // The raw bytes exactly as the agent sent them, plus a pretty copy when they are JSON.
  await writeFile(join(folder, `${name}.request.raw`), exchange.requestBody);
  if (json !== undefined) await writeFile(join(folder, `${name}.request.json`), `${JSON.stringify(json, null, 2)}\n`);
  await writeFile(join(folder, `${name}.response.raw`), exchange.responseBody);
  const meta = {
    seq: exchange.seq,
    method: exchange.method,
    url: exchange.url,
    requestHeaders: exchange.requestHeaders,
    status: exchange.status,
    responseHeaders: exchange.responseHeaders,
    finished: exchange.finished,
    clientAborted: exchange.clientAborted,
    handlerError: exchange.handlerError,
  };
  await writeFile(join(folder, `${name}.meta.json`), `${JSON.stringify(meta, null, 2)}\n`);
}
