import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProxyError, type ProxyErrorCode } from '../../src-proxy/errors/proxy-error';
import { getClientCodec } from '../../src-proxy/protocols/codec-registry';
import type { ClientCodec } from '../../src-proxy/protocols/wire-codec';

/**
 * Every engine error has ONE OpenAI `type`/`code`, whichever OpenAI wire the client speaks (Chat, legacy
 * Completions, Responses), and it is the one docs/errors.md documents. The Chat and Responses renderers
 * once drifted apart (PX_COOLDOWN was `model_cooldown` on one and `rate_limit_exceeded` on the other).
 */
const root = join(import.meta.dirname, '..', '..');
const openaiClients = ['openai-chat', 'openai-completions', 'openai-responses'] as const satisfies ReadonlyArray<ClientCodec['id']>;

const everyCode = [
  'PX_INVALID_REQUEST',
  'PX_BODY_TOO_LARGE',
  'PX_NOT_FOUND',
  'PX_NO_ROUTE',
  'PX_AUTH_REQUIRED',
  'PX_AUTH_INVALID',
  'PX_NO_CREDENTIAL',
  'PX_CREDENTIAL_EXPIRED',
  'PX_COOLDOWN',
  'PX_UPSTREAM_HTTP',
  'PX_UPSTREAM_NETWORK',
  'PX_UPSTREAM_PROTOCOL',
  'PX_CLIENT_ABORTED',
  'PX_INTERNAL',
] as const satisfies readonly ProxyErrorCode[];
// The compiler asks for a new ProxyErrorCode here.
const listsEveryCode: Exclude<ProxyErrorCode, (typeof everyCode)[number]> extends never ? true : false = true;

/** Statuses tried where docs/errors.md says "the upstream's status". */
const upstreamStatuses = [400, 401, 403, 404, 413, 429, 500, 502, 503, 529];

interface DocumentedStatus {
  status: number;
  /** OpenAI `code` / `type` the row names for this status, when it names one. */
  code?: string;
  type?: string;
}

/** docs/errors.md's table: per code, the statuses of its HTTP column with the `code:`/`type:` each names. */
function documentedStatuses(): Map<string, DocumentedStatus[]> {
  const rows = new Map<string, DocumentedStatus[]>();
  const text = readFileSync(join(root, 'docs', 'errors.md'), 'utf8');
  for (const line of text.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    const code = /^`(PX_[A-Z_]+)`$/.exec(cells[1] ?? '')?.[1];
    if (!code) continue;
    const http = cells[2] ?? '';
    const statuses = http.includes("upstream's status")
      ? upstreamStatuses.map((status) => ({ status }))
      : http.split(';').flatMap((segment) => {
          const code = /code: ([a-z_]+)/.exec(segment)?.[1];
          const type = /type: ([a-z_]+)/.exec(segment)?.[1];
          return [...segment.matchAll(/\b(\d{3})\b/g)].map((match) => ({ status: Number(match[1]), ...(code ? { code } : {}), ...(type ? { type } : {}) }));
        });
    rows.set(code, statuses);
  }
  return rows;
}

const documented = documentedStatuses();

function errorFor(code: ProxyErrorCode, status: number): ProxyError {
  return new ProxyError({ code, httpStatus: status, message: 'm', ...(code === 'PX_COOLDOWN' ? { retryAfterSeconds: 3 } : {}) });
}

/** `type` and `code` of a rendered HTTP error body. */
function typing(clientId: ClientCodec['id'], error: ProxyError): { type: unknown; code: unknown } {
  const body = JSON.parse(getClientCodec(clientId).renderError(error).body) as { error: { type: unknown; code: unknown } };
  return { type: body.error.type, code: body.error.code };
}

/** The code an in-stream error event carries (Responses' `error` event has a `code` only, falling back to the type). */
function streamCode(clientId: ClientCodec['id'], error: ProxyError): unknown {
  const data = getClientCodec(clientId).renderStreamError(error).split('data: ')[1] ?? '';
  const event = JSON.parse(data) as { code?: unknown; error?: { type: unknown; code: unknown } };
  return event.error ? (event.error.code ?? event.error.type) : event.code;
}

describe('OpenAI error typing (docs/errors.md)', () => {
  it('docs/errors.md has a row, with statuses, for every ProxyErrorCode', () => {
    expect(listsEveryCode).toBe(true);
    expect([...documented.keys()].sort()).toEqual([...everyCode].sort());
    for (const code of everyCode) expect(documented.get(code)?.length, code).toBeGreaterThan(0);
  });

  const cases = everyCode.flatMap((code) => (documented.get(code) ?? []).map((row) => [code, row] as const));

  it.each(cases)('%s %o: the same type/code on Chat, Completions and Responses, as documented', (code, row) => {
    const error = errorFor(code, row.status);
    const [chat, ...others] = openaiClients.map((clientId) => typing(clientId, error));
    for (const other of others) expect(other).toEqual(chat);
    if (row.code) expect(chat?.code).toBe(row.code);
    if (row.type) expect(chat?.type).toBe(row.type);
  });

  it.each(cases)('%s %o: the same code in every OpenAI wire’s in-stream error', (code, row) => {
    const error = errorFor(code, row.status);
    const [chat, ...others] = openaiClients.map((clientId) => streamCode(clientId, error));
    for (const other of others) expect(other).toEqual(chat);
    if (row.code) expect(chat).toBe(row.code);
  });
});
