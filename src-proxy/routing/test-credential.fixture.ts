import type { Credential } from './credential';

/** A credential with test defaults; tests override what they care about. */
export function testCredential(overrides: Partial<Credential> & { id: string }): Credential {
  return {
    provider: 'openai-compatible',
    providerKey: 'openai-compatible-test',
    label: overrides.id,
    order: 0,
    prefix: '',
    priority: 0,
    baseUrl: 'http://127.0.0.1:1/v1',
    apiKey: `key-${overrides.id}`,
    proxyUrl: '',
    headers: {},
    models: null,
    excludedModels: [],
    ...overrides,
  };
}
