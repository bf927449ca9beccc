import { describe, expect, it } from 'vitest';
import { KNOWN_TOP_LEVEL_KEYS } from './config-schema';
import { PER_ENGINE_CONFIG_KEYS, SHARED_CONFIG_KEYS } from './shared-config-keys';

describe('shared and per-engine config keys', () => {
  it('puts every key the schema knows on exactly one side', () => {
    const shared = new Set<string>(SHARED_CONFIG_KEYS);
    const perEngine = new Set<string>(PER_ENGINE_CONFIG_KEYS);
    expect([...shared].filter((key) => perEngine.has(key))).toEqual([]);
    expect(shared.size + perEngine.size).toBe(SHARED_CONFIG_KEYS.length + PER_ENGINE_CONFIG_KEYS.length);
    expect([...KNOWN_TOP_LEVEL_KEYS].filter((key) => !shared.has(key) && !perEngine.has(key))).toEqual([]);
    expect([...shared, ...perEngine].filter((key) => !KNOWN_TOP_LEVEL_KEYS.has(key))).toEqual([]);
  });

  it('shares credentials, client keys and routing; keeps the listener, the management key and local paths per engine', () => {
    for (const key of ['claude-api-key', 'openai-compatibility', 'gemini-api-key', 'codex-api-key', 'vertex-api-key', 'xai-api-key', 'api-keys', 'routing', 'oauth-model-alias', 'oauth-excluded-models', 'payload', 'request-retry', 'quota-exceeded']) {
      expect(SHARED_CONFIG_KEYS).toContain(key);
    }
    for (const key of ['host', 'port', 'tls', 'store', 'auth-dir', 'remote-management', 'proxy-url', 'logging-to-file', 'request-log']) {
      expect(PER_ENGINE_CONFIG_KEYS).toContain(key);
    }
  });
});
