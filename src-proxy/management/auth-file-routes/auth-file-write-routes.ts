import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuthStore } from '../../auth-store/auth-store';
import { isRecord } from '../../auth-store/auth-record';
import { MANAGEMENT_PREFIX } from '../create-management-guard';
import type { AuthFileRouteDeps } from './auth-file-route-deps';
import { checkAuthFileName } from './auth-file-name';
import { readJsonBody } from './read-json-body';

type Query = Record<string, string | string[] | undefined>;
type Outcome = { ok: true; name: string } | { ok: false; name: string; status: number; error: string };

/**
 * The write side of docs/management-api.md#auth-files (CPA's shapes and messages):
 *   POST   /auth-files            multipart, any file fields: 1 file -> {status:'ok'}; several -> {status:'ok', uploaded, files}
 *                                 or 207 {status:'partial', uploaded, files, failed:[{name, error}]}
 *   POST   /auth-files?name=x.json raw JSON body -> {status:'ok'}
 *   DELETE /auth-files?name=a&name=b | body ["a"] / {name, names} | ?all=true -> {status:'ok'[, deleted, files]} or 207
 * A file must parse as an auth file (known `type`) before anything is written; it is written 0600 and is
 * routable at once (AuthStore listeners rebuild the credentials).
 */
export function registerAuthFileWriteRoutes(app: FastifyInstance, deps: AuthFileRouteDeps): void {
  const store = deps.context.authStore;

  app.post<{ Querystring: Query }>(`${MANAGEMENT_PREFIX}/auth-files`, async (request, reply) => {
    if (request.isMultipart()) return uploadParts(request, reply, store);
    const checked = checkAuthFileName(first(request.query.name));
    if (!checked.ok) return reply.code(400).send({ error: checked.error });
    const outcome = await storeUpload(store, checked.name, typeof request.body === 'string' ? request.body : '');
    return outcome.ok ? reply.send({ status: 'ok' }) : reply.code(outcome.status).send({ error: outcome.error });
  });

  app.delete<{ Querystring: Query }>(`${MANAGEMENT_PREFIX}/auth-files`, async (request, reply) => {
    const all = first(request.query.all);
    if (all === 'true' || all === '1' || all === '*') {
      let deleted = 0;
      for (const name of await store.fileNames()) if (await store.remove(name)) deleted += 1;
      return reply.send({ status: 'ok', deleted });
    }
    const names = requestedNames(request);
    if (names === null) return reply.code(400).send({ error: 'invalid request body' });
    if (names.length === 0) return reply.code(400).send({ error: 'invalid name' });
    const outcomes: Outcome[] = [];
    for (const name of names) outcomes.push(await deleteOne(store, name));
    if (names.length === 1) {
      const [only] = outcomes;
      return only?.ok ? reply.send({ status: 'ok' }) : reply.code(only?.status ?? 500).send({ error: only?.error ?? 'delete failed' });
    }
    return sendBatch(reply, outcomes, 'deleted');
  });
}

async function uploadParts(request: FastifyRequest, reply: FastifyReply, store: AuthStore): Promise<FastifyReply> {
  const files: Array<{ name: string; text: string }> = [];
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') files.push({ name: part.filename, text: (await part.toBuffer()).toString('utf8') });
    }
  } catch (error) {
    const tooLarge = (error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE';
    return reply.code(tooLarge ? 413 : 400).send({ error: tooLarge ? 'file too large' : 'invalid multipart form' });
  }
  if (files.length === 0) return reply.code(400).send({ error: 'no files uploaded' });
  const outcomes: Outcome[] = [];
  for (const file of files) {
    const checked = checkAuthFileName(file.name);
    if (!checked.ok) outcomes.push({ ok: false, name: file.name, status: 400, error: checked.error === 'invalid name' ? 'invalid name' : 'file must be .json' });
    else outcomes.push(await storeUpload(store, checked.name, file.text));
  }
  if (outcomes.length === 1) {
    const [only] = outcomes;
    return only?.ok ? reply.send({ status: 'ok' }) : reply.code(only?.status ?? 500).send({ error: only?.error ?? 'upload failed' });
  }
  return sendBatch(reply, outcomes, 'uploaded');
}

async function storeUpload(store: AuthStore, name: string, text: string): Promise<Outcome> {
  try {
    const written = await store.writeText(name, text);
    return written.ok ? { ok: true, name } : { ok: false, name, status: 400, error: `invalid auth file: ${written.reason}` };
  } catch {
    return { ok: false, name, status: 500, error: 'failed to write file' };
  }
}

async function deleteOne(store: AuthStore, raw: string): Promise<Outcome> {
  const checked = checkAuthFileName(raw);
  if (!checked.ok) return { ok: false, name: raw, status: 400, error: checked.error };
  try {
    return (await store.remove(checked.name)) ? { ok: true, name: checked.name } : { ok: false, name: checked.name, status: 404, error: 'auth file not found' };
  } catch {
    return { ok: false, name: checked.name, status: 500, error: 'failed to remove file' };
  }
}

function sendBatch(reply: FastifyReply, outcomes: readonly Outcome[], countKey: 'uploaded' | 'deleted'): FastifyReply {
  const done = outcomes.filter((outcome) => outcome.ok).map((outcome) => outcome.name);
  const failed = outcomes.flatMap((outcome) => (outcome.ok ? [] : [{ name: outcome.name, error: outcome.error }]));
  if (failed.length > 0) return reply.code(207).send({ status: 'partial', [countKey]: done.length, files: done, failed });
  return reply.send({ status: 'ok', [countKey]: done.length, files: done });
}

/** `?name=` (repeatable), else a JSON body `["a.json", ...]` or `{name, names}`; null = a body that is not JSON. */
function requestedNames(request: FastifyRequest<{ Querystring: Query }>): string[] | null {
  const fromQuery = ([] as string[]).concat(request.query.name ?? []);
  if (fromQuery.some((name) => name.trim() !== '')) return unique(fromQuery);
  if (typeof request.body !== 'string' || request.body.trim() === '') return [];
  const body = readJsonBody(request.body);
  if (!body.ok) return null;
  if (Array.isArray(body.value)) return body.value.every((name) => typeof name === 'string') ? unique(body.value as string[]) : null;
  if (!isRecord(body.value)) return null;
  const { name, names } = body.value;
  if ((name !== undefined && typeof name !== 'string') || (names !== undefined && !(Array.isArray(names) && names.every((item) => typeof item === 'string')))) return null;
  return unique([...(typeof name === 'string' ? [name] : []), ...((names as string[] | undefined) ?? [])]);
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names.map((name) => name.trim()).filter((name) => name !== ''))];
}

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}
