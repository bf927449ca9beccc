import { clientHeader } from './client-header';
import type { ClientHeaders } from './provider-definition';

/**
 * Adds a credential's configured `headers` (docs/config.md#credential-entries). A value `$Name` copies the client's `Name` header
 * and is skipped when the client did not send it.
 */
export function applyCredentialHeaders(target: Record<string, string>, configured: Record<string, string>, clientHeaders: ClientHeaders): void {
  for (const [name, value] of Object.entries(configured)) {
    if (value.startsWith('$')) {
      const copied = clientHeader(clientHeaders, value.slice(1).toLowerCase());
      if (copied) target[name.toLowerCase()] = copied;
    } else {
      target[name.toLowerCase()] = value;
    }
  }
}
