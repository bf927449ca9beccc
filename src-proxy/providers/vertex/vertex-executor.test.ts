import { describe, expect, it } from 'vitest';
import { parseAuthData } from '../../auth-store/auth-record';
import { testCredential } from '../../routing/test-credential.fixture';
import { vertexAuth } from './vertex-auth';
import { resolveVertexEndpoints } from './vertex-endpoints';
import { buildVertexRequest } from './vertex-executor';

const oauth = { accessToken: async () => 'ya29.t', refreshAfterUnauthorized: async () => 'ya29.t', deviceId: '', accountUuid: '' };
const vertexFile = (location: string | undefined) =>
  parseAuthData('vertex-acme.json', { type: 'vertex', project_id: 'acme', email: 'sa@acme.iam.gserviceaccount.com', ...(location ? { location } : {}), service_account: { client_email: 'sa@acme.iam.gserviceaccount.com', private_key: 'k', project_id: 'acme' } }, { vertex: 'vertex' });

function credentialOf(location: string | undefined, overrides: object = {}) {
  const parsed = vertexFile(location);
  if (!parsed.ok) throw new Error(parsed.reason);
  const bound = vertexAuth.bind(overrides, {});
  return bound.credentials(parsed.record, { config: { oauthModelAlias: {}, oauthExcludedModels: {} }, tokenSource: () => oauth });
}

describe('Vertex executor', () => {
  it("calls a service account's project and location on Google's regional host, the global location without a region, with the Bearer token", () => {
    const [regional] = credentialOf('europe-west4');
    expect(regional?.baseUrl).toBe('https://europe-west4-aiplatform.googleapis.com/v1/projects/acme/locations/europe-west4');
    expect(credentialOf(undefined)[0]?.baseUrl).toBe('https://us-central1-aiplatform.googleapis.com/v1/projects/acme/locations/us-central1');
    expect(credentialOf('global')[0]?.baseUrl).toBe('https://aiplatform.googleapis.com/v1/projects/acme/locations/global');
    expect(credentialOf('global', { apiBase: 'http://127.0.0.1:9/' })[0]?.baseUrl).toBe('http://127.0.0.1:9/v1/projects/acme/locations/global');
    expect(resolveVertexEndpoints({}, { CLIPROXY_VERTEX_BASE_URL: 'http://127.0.0.1:8/' })).toEqual({ apiBase: 'http://127.0.0.1:8' });
    if (!regional) throw new Error('no credential');
    const stream = buildVertexRequest({ ...regional, apiKey: 'ya29.t' }, { operation: 'generate', model: 'gemini-2.5-pro', stream: true }, '{}', {});
    expect(stream.url).toBe('https://europe-west4-aiplatform.googleapis.com/v1/projects/acme/locations/europe-west4/publishers/google/models/gemini-2.5-pro:streamGenerateContent?alt=sse');
    expect(stream.headers).toMatchObject({ authorization: 'Bearer ya29.t', accept: 'text/event-stream' });
    expect(stream.headers['x-goog-api-key']).toBeUndefined();
  });

  it('sends a vertex-api-key entry to {base-url}/v1/publishers/google/models with x-goog-api-key and its configured headers', () => {
    const credential = testCredential({ id: 'v', provider: 'vertex', baseUrl: 'https://zenmux.example.com', apiKey: 'vk-1', headers: { 'X-Team': 'blue' } });
    const generate = buildVertexRequest(credential, { operation: 'generate', model: 'gemini-2.5-flash', stream: false }, '{"contents":[]}', {});
    expect(generate).toMatchObject({ method: 'POST', url: 'https://zenmux.example.com/v1/publishers/google/models/gemini-2.5-flash:generateContent', body: '{"contents":[]}' });
    expect(generate.headers).toMatchObject({ 'x-goog-api-key': 'vk-1', accept: 'application/json', 'x-team': 'blue' });
    expect(generate.headers.authorization).toBeUndefined();
    expect(buildVertexRequest(credential, { operation: 'count-tokens', model: 'gemini-2.5-flash', stream: false }, '{}', {}).url).toMatch(/:countTokens$/);
  });

  it('builds no credential from a file that cannot serve (no service account, no project, a location that is no region name)', () => {
    const bound = vertexAuth.bind({}, {});
    const context = { config: { oauthModelAlias: {}, oauthExcludedModels: {} }, tokenSource: () => oauth };
    const serviceAccount = { client_email: 'a@b', private_key: 'k' };
    for (const data of [{ type: 'vertex', project_id: 'p' }, { type: 'vertex', service_account: serviceAccount }, { type: 'vertex', project_id: 'p', location: 'evil.example/x', service_account: serviceAccount }]) {
      const parsed = parseAuthData('vertex-x.json', data, { vertex: 'vertex' });
      if (!parsed.ok) throw new Error(parsed.reason);
      expect(bound.credentials(parsed.record, context)).toEqual([]);
    }
  });
});
