import { createHash, randomBytes } from 'node:crypto';

export interface PkcePair {
  verifier: string;
  challenge: string;
}

/**
 * RFC 7636 S256 pair as CPA makes it (docs/providers.md#pkce-and-callbacks): 96 random bytes, base64url without padding (128
 * characters), challenge = base64url(SHA-256(verifier)).
 */
export function createPkcePair(): PkcePair {
  const verifier = randomBytes(96).toString('base64url');
  return { verifier, challenge: pkceChallenge(verifier) };
}

export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/** 32 lowercase hex characters (docs/providers.md#starting-a-login-from-the-management-api: anthropic, codex, antigravity states). */
export function createOAuthState(): string {
  return randomBytes(16).toString('hex');
}
