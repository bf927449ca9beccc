import { describe, expect, it } from 'vitest';
import { createSecretMasker, maskSecret } from './mask-secrets';

describe('createSecretMasker', () => {
  const clientKey = 'sk-client-key-0123456789';
  const upstreamKey = 'upstream-secret-abcdefghij';
  const masker = createSecretMasker([clientKey, upstreamKey, 'short']);

  it('masks credential headers whatever their value, keeping the scheme word', () => {
    const masked = masker.headers({
      authorization: 'Bearer some-oauth-token-value-xyz',
      'x-api-key': 'anything-at-all-123',
      'x-goog-api-key': 'AIzaSyExampleExample',
      cookie: 'session=abcdef0123456789',
      'content-type': 'application/json',
      'x-forwarded': ['a', 'b'],
    });
    expect(masked).toEqual({
      authorization: 'Bearer some...yz',
      'x-api-key': 'anyt...23',
      'x-goog-api-key': 'AIza...le',
      cookie: 'sess...89',
      'content-type': 'application/json',
      'x-forwarded': 'a, b',
    });
  });

  it('masks key parameters in URLs and every known secret and bearer token in free text', () => {
    expect(masker.url('/v1beta/models/m:generateContent?alt=sse&key=AIzaSyExampleExample')).toBe('/v1beta/models/m:generateContent?alt=sse&key=AIza...le');
    const body = `{"note":"${clientKey} and ${upstreamKey}","header":"Authorization: Bearer tok-1234567890abcdef"}`;
    const masked = masker.text(body);
    for (const secret of [clientKey, upstreamKey, 'tok-1234567890abcdef']) expect(masked).not.toContain(secret);
    expect(masked).toContain(maskSecret(clientKey));
    expect(masked).toContain('Bearer tok-...ef');
  });

  it('leaves short literals alone (they would mask ordinary words) and hides short secrets completely', () => {
    expect(masker.text('a short text')).toBe('a short text');
    expect(maskSecret('abc123')).toBe('***');
  });
});
