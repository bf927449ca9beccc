import type { ClientHeaders } from './provider-definition';

/**
 * Adds a credential's configured `headers` (spec 1.3). A value `$Name` copies the client's `Name` header
 * and is skipped when the client did not send it.
 */
export function applyCredentialHeaders(target: Record<string, string>, configured: Record<string, string>, clientHeaders: ClientHeaders): void {
  for (const [name, value] of Object.entries(configured)) {
    if (value.startsWith('$')) {
      const copied = clientHeaders[value.slice(1).toLowerCase()];
      const text = Array.isArray(copied) ? copied.join(', ') : copied;
      if (text) target[name.toLowerCase()] = text;
    } else {
      target[name.toLowerCase()] = value;
    }
  }
}
