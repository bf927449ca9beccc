import { isTrustedRendererUrl, type RendererLocation } from './renderer-location';

/**
 * Hosts the dashboard may open in the user's browser (links to docs and consoles). Anything else,
 * and anything not https, is simply not opened. Login flows open their URLs from main, not via links.
 */
export const EXTERNAL_HOST_ALLOWLIST: readonly string[] = [
  'github.com',
  'console.anthropic.com',
  'platform.openai.com',
  'aistudio.google.com',
];

export function isAllowedExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.username === '' && EXTERNAL_HOST_ALLOWLIST.includes(parsed.hostname);
  } catch {
    return false;
  }
}

/**
 * Every permission is denied except writing to the clipboard (the Copy buttons), and that only
 * for our own dashboard page.
 */
export function isPermissionAllowed(permission: string, requestingUrl: string | undefined, renderer: RendererLocation): boolean {
  return permission === 'clipboard-sanitized-write' && isTrustedRendererUrl(requestingUrl, renderer);
}
