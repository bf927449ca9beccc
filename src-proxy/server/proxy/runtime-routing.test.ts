import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../config/load-config';
import { parseModelName } from '../../routing/parse-model-name';
import { testCredential } from '../../routing/test-credential.fixture';
import type { Runtime } from '../server-deps';
import { candidatesFor, retryPolicyFor } from './runtime-routing';

function runtime(requestRetry: number): Runtime {
  const parsed = parseConfigText(`request-retry: ${requestRetry}\n`, { configDir: '/tmp' });
  if (!parsed.ok) throw new Error('test config is invalid');
  const credentials = [
    testCredential({ id: 'a', models: [{ name: 'real-model', alias: 'm' }] }),
    testCredential({ id: 'b', order: 1, models: null }),
  ];
  return { config: parsed.config, credentials, apiKeys: new Set() };
}

describe('runtime-routing', () => {
  it('resolves a model once per runtime and hands out the same list after that', () => {
    const first = runtime(1);
    const candidates = candidatesFor(first, parseModelName('m'));
    expect(candidates.map((candidate) => [candidate.credential.id, candidate.upstreamModel])).toEqual([['a', 'real-model']]);
    expect(candidatesFor(first, parseModelName('m'))).toBe(candidates);
    expect(candidatesFor(first, parseModelName('other')).map((candidate) => candidate.credential.id)).toEqual(['b']);
    // A new runtime (config or accounts changed) resolves again.
    expect(candidatesFor(runtime(1), parseModelName('m'))).not.toBe(candidates);
  });

  it("takes the retry policy from the runtime's config, once per runtime", () => {
    const first = runtime(2);
    expect(retryPolicyFor(first).requestRetry).toBe(2);
    expect(retryPolicyFor(first)).toBe(retryPolicyFor(first));
    expect(retryPolicyFor(runtime(0)).requestRetry).toBe(0);
  });
});
