import { z } from 'zod';
import { cpaApiOf, cpaModelOf, toCpaDetail } from './cpa-usage-snapshot';
import { labelImportedClientKey } from './label-imported-client-key';
import type { UsageStore } from './usage-store';
import type { UsageRequestRow } from './usage-types';

const count = z.number().int();
const detailSchema = z.object({
  timestamp: z.string().optional(),
  latency_ms: count.optional(),
  source: z.string().optional(),
  // A number in Nov-2025 exports, a string later.
  auth_index: z.union([z.string(), count]).optional(),
  tokens: z
    .object({ input_tokens: count, output_tokens: count, reasoning_tokens: count, cached_tokens: count, total_tokens: count })
    .partial()
    .optional(),
  failed: z.boolean().optional(),
});
const bodySchema = z.object({
  version: count.optional(),
  usage: z
    .object({
      apis: z
        .record(z.string(), z.object({ models: z.record(z.string(), z.object({ details: z.array(detailSchema).nullish() })).nullish() }))
        .nullish(),
    })
    .nullish(),
});
type ImportedDetail = z.infer<typeof detailSchema>;

/** Go's zero time.Time, which CPA writes for a missing timestamp. */
const zeroTimeMs = Date.parse('0001-01-01T00:00:00Z');
const endpointPattern = /^[A-Z]+ (\/\S*)$/;

export type CpaImportOutcome =
  | { ok: true; result: { added: number; skipped: number; total_requests: number; failed_requests: number } }
  | { ok: false; error: 'invalid json' | 'unsupported version' };

/**
 * CPA's `POST /usage/import` (docs/management-api.md#usage): body `{version: 0|1, usage: <snapshot>}`. Only the details are
 * merged (aggregates follow from them); a detail equal to a stored one in (api, model, timestamp, source,
 * auth_index, failed, tokens) is skipped. Totals in the result are over the whole store.
 */
export function importCpaUsage(store: UsageStore, bodyText: string, now: number): CpaImportOutcome {
  const parsed = bodySchema.safeParse(parseJson(bodyText));
  if (!parsed.success) return { ok: false, error: 'invalid json' };
  const version = parsed.data.version ?? 0;
  if (version !== 0 && version !== 1) return { ok: false, error: 'unsupported version' };
  const imported: UsageRequestRow[] = [];
  for (const [api, apiUsage] of Object.entries(parsed.data.usage?.apis ?? {})) {
    for (const [model, modelUsage] of Object.entries(apiUsage.models ?? {})) {
      for (const detail of modelUsage.details ?? []) {
        const row = toImportedRow(api, model, detail, now);
        if (row === null) return { ok: false, error: 'invalid json' };
        imported.push(row);
      }
    }
  }
  const seen = new Set(existingKeys(store, imported));
  const added = imported.filter((row) => {
    const key = deduplicationKey(row);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  store.write(added);
  const totals = store.totals({ from: -Infinity, to: Infinity });
  return { ok: true, result: { added: added.length, skipped: imported.length - added.length, total_requests: totals.requests, failed_requests: totals.failures } };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The stored form of one detail; null when its timestamp is not a time (Go's decoder rejects that too). */
function toImportedRow(api: string, model: string, detail: ImportedDetail, now: number): UsageRequestRow | null {
  const parsedTime = detail.timestamp === undefined ? zeroTimeMs : Date.parse(detail.timestamp);
  if (Number.isNaN(parsedTime)) return null;
  const endpoint = endpointPattern.exec(api);
  const tokens = detail.tokens ?? {};
  return {
    id: '',
    at: parsedTime === zeroTimeMs ? now : parsedTime,
    clientKey: endpoint ? null : labelImportedClientKey(api),
    clientProtocol: null,
    route: endpoint?.[1] ?? '',
    provider: null,
    credential: detail.auth_index === undefined || detail.auth_index === '' ? null : String(detail.auth_index),
    account: detail.source || null,
    model,
    upstreamModel: model,
    stream: false,
    status: 0,
    latencyMs: Math.max(0, detail.latency_ms ?? 0),
    ttfbMs: null,
    attempts: 1,
    inputTokens: tokens.input_tokens ?? 0,
    outputTokens: tokens.output_tokens ?? 0,
    cachedTokens: tokens.cached_tokens ?? 0,
    reasoningTokens: tokens.reasoning_tokens ?? 0,
    totalTokens: tokens.total_tokens ?? 0,
    failed: detail.failed ?? false,
    error: null,
  };
}

function existingKeys(store: UsageStore, rows: readonly UsageRequestRow[]): string[] {
  if (rows.length === 0) return [];
  let from = Infinity;
  let to = -Infinity;
  for (const row of rows) {
    from = Math.min(from, row.at);
    to = Math.max(to, row.at + 1);
  }
  return store.rowsIn({ from, to }).map(deduplicationKey);
}

function deduplicationKey(row: UsageRequestRow): string {
  const detail = toCpaDetail(row);
  const tokens = detail.tokens;
  return JSON.stringify([
    cpaApiOf(row), cpaModelOf(row), detail.timestamp, detail.source, detail.auth_index, detail.failed,
    tokens.input_tokens, tokens.output_tokens, tokens.reasoning_tokens, tokens.cached_tokens, tokens.total_tokens,
  ]);
}
