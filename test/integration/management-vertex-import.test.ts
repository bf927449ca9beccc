import { generateKeyPairSync } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from './start-test-engine';

/** CPA's `POST /v0/management/vertex/import` (the official panel's "Import Vertex Credential") on a real engine. */
const secret = 'mgmt-secret-vertex-import';
let proxy: TestEngine | undefined;
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

const rsaPem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const ecPem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const serviceAccount = (extra: Record<string, unknown> = {}) => ({
  type: 'service_account',
  project_id: 'acme-prod',
  private_key_id: 'k1',
  private_key: rsaPem.replace(/\n/g, '\r\n'),
  client_email: 'proxy@acme-prod.iam.gserviceaccount.com',
  ...extra,
});

async function importVertex(file: string | null, location?: string, query = ''): Promise<{ status: number; body: Record<string, unknown> }> {
  const form = new FormData();
  if (file !== null) form.append('file', new Blob([file], { type: 'application/json' }), 'service-account.json');
  if (location !== undefined) form.append('location', location);
  const response = await fetch(`${proxy?.origin}/v0/management/vertex/import${query}`, { method: 'POST', headers: { authorization: `Bearer ${secret}` }, body: form });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('POST /vertex/import', () => {
  it('saves vertex-<project>.json (0600) in CPA shape and lists it; location from the form, the query, or us-central1', async () => {
    proxy = await startTestEngine({ 'remote-management': { 'secret-key': secret } });
    const answer = await importVertex(JSON.stringify(serviceAccount()), 'europe-west4');
    const path = join(proxy.authDir, 'vertex-acme-prod.json');
    expect(answer).toEqual({
      status: 200,
      body: { status: 'ok', 'auth-file': path, project_id: 'acme-prod', email: 'proxy@acme-prod.iam.gserviceaccount.com', location: 'europe-west4' },
    });
    const saved = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    expect(saved).toMatchObject({ type: 'vertex', project_id: 'acme-prod', location: 'europe-west4', label: 'acme-prod (proxy@acme-prod.iam.gserviceaccount.com)' });
    expect((saved.service_account as { private_key: string }).private_key).toBe(rsaPem);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const listed = (await (await fetch(`${proxy.origin}/v0/management/auth-files`, { headers: { authorization: `Bearer ${secret}` } })).json()) as { files: Array<Record<string, unknown>> };
    expect(listed.files.map((entry) => [entry.name, entry.type])).toEqual([['vertex-acme-prod.json', 'vertex']]);
    expect(JSON.stringify(listed)).not.toContain('PRIVATE KEY');

    expect((await importVertex(JSON.stringify(serviceAccount({ project_id: 'other/one' })), undefined, '?location=asia-east1')).body).toMatchObject({ location: 'asia-east1', 'auth-file': join(proxy.authDir, 'vertex-other_one.json') });
    expect((await importVertex(JSON.stringify(serviceAccount({ project_id: 'third' })))).body).toMatchObject({ location: 'us-central1' });
  });

  it("refuses what CPA refuses, with CPA's errors, and writes nothing", async () => {
    proxy = await startTestEngine({ 'remote-management': { 'secret-key': secret } });
    expect(await importVertex(null, 'us-central1')).toMatchObject({ status: 400, body: { error: 'file required' } });
    expect(await importVertex('{not json')).toMatchObject({ status: 400, body: { error: 'invalid json' } });
    expect(await importVertex(JSON.stringify(serviceAccount({ private_key: '' })))).toMatchObject({ status: 400, body: { error: 'invalid service account', message: 'service account missing private_key' } });
    expect(await importVertex(JSON.stringify(serviceAccount({ private_key: 'garbage' })))).toMatchObject({ status: 400, body: { error: 'invalid service account' } });
    expect(await importVertex(JSON.stringify(serviceAccount({ private_key: ecPem })))).toMatchObject({ status: 400, body: { error: 'invalid service account', message: 'private_key is not an RSA key' } });
    expect(await importVertex(JSON.stringify(serviceAccount({ project_id: ' ' })))).toMatchObject({ status: 400, body: { error: 'project_id missing' } });
    const listed = (await (await fetch(`${proxy.origin}/v0/management/auth-files`, { headers: { authorization: `Bearer ${secret}` } })).json()) as { files: unknown[] };
    expect(listed.files).toEqual([]);
    expect((await fetch(`${proxy.origin}/v0/management/vertex/import`, { method: 'POST' })).status).toBe(401);
  });
});
