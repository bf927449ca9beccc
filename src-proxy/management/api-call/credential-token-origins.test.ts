import { describe, expect, it } from 'vitest';
import { testCredential } from '../../routing/test-credential.fixture';
import { credentialTokenOrigins } from './credential-token-origins';

const providerUrls = { claude: ['https://api.anthropic.com/api/oauth/profile', 'https://api.anthropic.com/api/oauth/usage'], codex: ['https://chatgpt.com/backend-api/wham/usage'] };

describe('credentialTokenOrigins', () => {
  it("is the base URL's origin plus the provider's account endpoints, without duplicates", () => {
    expect(credentialTokenOrigins(testCredential({ id: 'c', provider: 'claude', baseUrl: 'https://api.anthropic.com' }), providerUrls)).toEqual(['https://api.anthropic.com']);
    expect(credentialTokenOrigins(testCredential({ id: 'x', provider: 'codex', baseUrl: 'https://chatgpt.com/backend-api/codex' }), providerUrls)).toEqual(['https://chatgpt.com']);
    expect(credentialTokenOrigins(testCredential({ id: 'q', provider: 'qwen', baseUrl: 'https://portal.qwen.ai/v1' }), providerUrls)).toEqual(['https://portal.qwen.ai']);
  });

  it('keeps the port of a configured base URL and drops what is not an http(s) URL', () => {
    expect(credentialTokenOrigins(testCredential({ id: 'o', baseUrl: 'http://127.0.0.1:8080/v1' }), providerUrls)).toEqual(['http://127.0.0.1:8080']);
    expect(credentialTokenOrigins(testCredential({ id: 'b', baseUrl: 'not a url' }), providerUrls)).toEqual([]);
  });
});
