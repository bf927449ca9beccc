import { createPrivateKey } from 'node:crypto';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MANAGEMENT_PREFIX } from '../create-management-guard';
import type { AuthFileRouteDeps } from './auth-file-route-deps';

const defaultLocation = 'us-central1';

/**
 * CPA's `POST /vertex/import` (docs/management-api.md#auth-files): a Google service-account JSON (multipart
 * field `file`, optional `location` field or query, default us-central1) saved as `vertex-<project_id>.json`
 * in auth-dir, in CPA's file shape ({type: 'vertex', service_account, project_id, email, location, label}).
 * Answers `{status: 'ok', 'auth-file', project_id, email, location}`; 400 `file required`, `invalid json`,
 * `invalid service account` (no RSA private key that parses), `project_id missing`; 500 `save_failed`.
 * The key is kept as the account wrote it (line endings normalised); CPA rewrites it as PKCS#1.
 */
export function registerVertexImportRoute(app: FastifyInstance, deps: AuthFileRouteDeps): void {
  app.post<{ Querystring: { location?: string } }>(`${MANAGEMENT_PREFIX}/vertex/import`, async (request, reply) => {
    const form = await readForm(request);
    if (form === null || form.file === null) return reply.code(400).send({ error: 'file required' });
    let account: unknown;
    try {
      account = JSON.parse(form.file);
    } catch (error) {
      return reply.code(400).send({ error: 'invalid json', message: (error as Error).message });
    }
    if (typeof account !== 'object' || account === null || Array.isArray(account)) return reply.code(400).send({ error: 'invalid json', message: 'not an object' });
    const serviceAccount = { ...(account as Record<string, unknown>) };
    const problem = normalizePrivateKey(serviceAccount);
    if (problem !== null) return reply.code(400).send({ error: 'invalid service account', message: problem });
    const projectId = text(serviceAccount.project_id);
    if (projectId === '') return reply.code(400).send({ error: 'project_id missing' });
    const email = text(serviceAccount.client_email);
    const location = form.location || text(request.query.location) || defaultLocation;
    return save(reply, deps, { service_account: serviceAccount, project_id: projectId, email, location, type: 'vertex', label: labelFor(projectId, email) });
  });
}

async function readForm(request: FastifyRequest): Promise<{ file: string | null; location: string } | null> {
  if (!request.isMultipart()) return null;
  let file: string | null = null;
  let location = '';
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const body = (await part.toBuffer()).toString('utf8');
        if (part.fieldname === 'file') file = body;
      } else if (part.fieldname === 'location') {
        location = text(part.value);
      }
    }
  } catch {
    return null;
  }
  return { file, location };
}

/** CPA checks the key is an RSA private key in PEM; null when it is (then stored with `\n` line endings). */
function normalizePrivateKey(serviceAccount: Record<string, unknown>): string | null {
  const raw = serviceAccount.private_key;
  if (typeof raw !== 'string' || raw.trim() === '') return 'service account missing private_key';
  const pem = raw.replace(/\r\n?/g, '\n').trim();
  try {
    if (createPrivateKey(pem).asymmetricKeyType !== 'rsa') return 'private_key is not an RSA key';
  } catch {
    return 'private_key is not valid pem';
  }
  serviceAccount.private_key = `${pem}\n`;
  return null;
}

async function save(reply: FastifyReply, deps: AuthFileRouteDeps, record: Record<string, unknown> & { project_id: string; email: string; location: string }): Promise<FastifyReply> {
  const name = `vertex-${fileNamePart(record.project_id)}.json`;
  try {
    const written = await deps.context.authStore.writeText(name, `${JSON.stringify(record, null, 2)}\n`);
    if (!written.ok) return reply.code(500).send({ error: 'save_failed', message: written.reason });
  } catch (error) {
    return reply.code(500).send({ error: 'save_failed', message: (error as Error).message });
  }
  return reply.send({ status: 'ok', 'auth-file': join(deps.context.authStore.folder, name), project_id: record.project_id, email: record.email, location: record.location });
}

/** CPA's sanitizeVertexFilePart: separators become `_`, spaces `-`. */
function fileNamePart(projectId: string): string {
  const part = projectId.trim().replace(/[/\\:]/g, '_').replace(/ /g, '-');
  return part === '' ? 'vertex' : part;
}

function labelFor(projectId: string, email: string): string {
  return email === '' ? projectId : `${projectId} (${email})`;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}
