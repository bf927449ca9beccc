import type { Credential } from '../../routing/credential';

/**
 * Where `POST /api-call` may send a credential's token: the origin of the URL the engine itself sends that
 * credential's requests to (its base URL, configured or overridden), plus the provider's own account
 * endpoints that take the same token (`providerUrls`, e.g. the Claude and Codex usage endpoints). CPA
 * substitutes `$TOKEN$` into a request to any URL; we refuse, so a management caller (or a page that got
 * the key) cannot have an account's token sent to a host of its choosing. See docs/management-api.md.
 */
export function credentialTokenOrigins(credential: Credential, providerUrls: Readonly<Record<string, readonly string[]>>): string[] {
  const urls = [credential.baseUrl, ...(providerUrls[credential.provider] ?? [])];
  const origins = urls.map(originOf).filter((origin): origin is string => origin !== null);
  return [...new Set(origins)];
}

function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}
