/** What an OAuth redirect carried back: the code, or the provider's error. */
export type CallbackResult = { code: string; state: string } | { error: string; state: string };

/**
 * Reads `code`, `state` and `error` (or `error_description`) from a callback URL's query, as pasted by a
 * user or received by the loopback server. A code of the form `<code>#<state>` (Claude's manual page)
 * is split; a state after `#` wins (docs/providers.md#pkce-and-callbacks). Null when neither a code nor an error is present.
 */
export function parseCallbackQuery(query: URLSearchParams): CallbackResult | null {
  let state = query.get('state') ?? '';
  const error = query.get('error') ?? query.get('error_description');
  if (error) return { error, state };
  let code = query.get('code') ?? '';
  const hash = code.indexOf('#');
  if (hash >= 0) {
    const after = code.slice(hash + 1);
    code = code.slice(0, hash);
    if (after !== '') state = after;
  }
  return code === '' ? null : { code, state };
}

/** A pasted callback URL (or just its query string) as a CallbackResult; null if it is not one. */
export function parseCallbackUrl(text: string): CallbackResult | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  try {
    const url = new URL(trimmed.includes('://') ? trimmed : `http://localhost/callback?${trimmed.replace(/^\?/, '')}`);
    // Some pages put the parameters in the fragment.
    const query = url.search !== '' ? url.searchParams : new URLSearchParams(url.hash.replace(/^#/, ''));
    return parseCallbackQuery(query);
  } catch {
    return null;
  }
}
