import { basename } from 'node:path';
import type { FastifyReply } from 'fastify';
import { parseDocument, type Document } from 'yaml';
import type { ConfigChangeResult, ConfigFile } from '../../config/config-file';
import { formatConfigProblems } from '../../config/config-problems';
import type { EngineConfig } from '../../config/engine-config';

/**
 * Thrown inside an edit to stop it and answer with CPA's status and body; nothing is written then. Also
 * used for a request that changes nothing (`{"status":"ok"}`), so the file is not rewritten for it.
 */
export class EditStop extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: Record<string, unknown>,
  ) {
    super(typeof body.error === 'string' ? body.error : 'edit stopped');
  }
}

export const nothingToChange = (): EditStop => new EditStop(200, { status: 'ok' });

/**
 * Runs a comment-preserving edit of config.yaml and answers like CPA: 200 `{"status":"ok"}`; an EditStop
 * thrown by `mutate` with its own status; an edit that makes the config invalid 400/422 with the problems
 * (line numbers included); a failed read or write 500 `failed to save config: ...`.
 */
export async function applyConfigEdit(
  reply: FastifyReply,
  configFile: ConfigFile,
  mutate: (document: Document, config: EngineConfig) => void,
): Promise<FastifyReply> {
  let result: ConfigChangeResult;
  try {
    result = await configFile.edit(mutate);
  } catch (error) {
    if (error instanceof EditStop) return reply.code(error.statusCode).send(error.body);
    throw error;
  }
  if (result.ok) return reply.send({ status: 'ok' });
  return sendChangeFailure(reply, configFile, result, 'edit');
}

/** CPA's failure bodies: `edit` for the setting routes, `replace` for PUT /config.yaml. */
export function sendChangeFailure(
  reply: FastifyReply,
  configFile: ConfigFile,
  result: Extract<ConfigChangeResult, { ok: false }>,
  flavour: 'edit' | 'replace',
): FastifyReply {
  const message = formatConfigProblems(result.problems, basename(configFile.path));
  switch (result.kind) {
    case 'invalid_yaml':
      return reply.code(400).send({ error: 'invalid_yaml', message });
    case 'invalid_config':
      return reply.code(422).send({ error: 'invalid_config', message });
    case 'read_failed':
    case 'write_failed':
      return reply.code(500).send(flavour === 'edit' ? { error: `failed to save config: ${message}` } : { error: 'write_failed', message });
  }
}

/**
 * The serving config as plain data (YAML key names), unknown keys included; {} for an empty file. Read
 * from the text that was validated and applied, never from the file on disk: after a broken edit there
 * was rejected, the disk holds a config nobody serves (CPA's GET /config is its in-memory config too).
 */
export async function readConfigObject(configFile: ConfigFile): Promise<Record<string, unknown>> {
  const value: unknown = parseDocument(configFile.servedText(), { merge: true }).toJS({ maxAliasCount: 1000 });
  return isPlainObject(value) ? value : {};
}

/** Bodies arrive as text (see register-config-routes.ts); undefined when absent or not JSON. */
export function parseJsonBody(body: unknown): unknown {
  if (typeof body !== 'string' || body.trim() === '') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/** A non-negative integer query value (`?index=`), or null. */
export function parseIndex(value: string | undefined): number | null {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return null;
  return Number(value.trim());
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
