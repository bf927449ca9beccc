import { resolveEndpoints } from '../oauth/resolve-endpoints';

export interface VertexEndpoints {
  /** Replaces Vertex AI's host for service accounts (tests, relays); '' = Google's host for the file's location. */
  apiBase: string;
}

const environmentKeys: Readonly<Record<keyof VertexEndpoints, string>> = { apiBase: 'CLIPROXY_VERTEX_BASE_URL' };

/** Defaults, then the environment, then explicit options (a test's fake server) win. */
export function resolveVertexEndpoints(overrides: Partial<VertexEndpoints> = {}, environment: NodeJS.ProcessEnv = process.env): VertexEndpoints {
  return resolveEndpoints({ apiBase: '' }, environmentKeys, overrides, environment);
}

/**
 * docs/providers.md#vertex-ai-vertex: `https://{location}-aiplatform.googleapis.com`, and the host without a
 * region for the `global` location (CPA's vertexBaseURL), unless `apiBase` replaces it.
 */
export function vertexApiBase(location: string, endpoints: VertexEndpoints): string {
  if (endpoints.apiBase !== '') return endpoints.apiBase;
  return location === 'global' ? 'https://aiplatform.googleapis.com' : `https://${location}-aiplatform.googleapis.com`;
}
