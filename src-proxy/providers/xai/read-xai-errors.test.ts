import { describe, expect, it } from 'vitest';
import { isXaiExpiredTokenAnswer } from './read-xai-errors';

describe('isXaiExpiredTokenAnswer (docs/providers.md#xai-errors-and-quota)', () => {
  it('reads a 403 naming bad credentials, in any of the shapes xAI uses, as an expired token', () => {
    expect(isXaiExpiredTokenAnswer(403, '{"code":"bad-credentials","error":"denied"}')).toBe(true);
    expect(isXaiExpiredTokenAnswer(403, '{"error":{"code":"Bad-Credentials"}}')).toBe(true);
    expect(isXaiExpiredTokenAnswer(403, '{"error":"The access token could not be validated."}')).toBe(true);
  });

  it('leaves other 403s (a missing permission, a plan) and other statuses alone', () => {
    expect(isXaiExpiredTokenAnswer(403, '{"code":"permission-denied","error":"Your team has no credits."}')).toBe(false);
    expect(isXaiExpiredTokenAnswer(401, '{"code":"bad-credentials"}')).toBe(false);
    expect(isXaiExpiredTokenAnswer(429, 'bad-credentials')).toBe(false);
  });
});
