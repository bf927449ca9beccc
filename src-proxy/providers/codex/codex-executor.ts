import type { Credential } from '../../routing/credential';
import { applyCredentialHeaders } from '../apply-credential-headers';
import { clientHeader } from '../client-header';
import type { ClientHeaders, UpstreamCall, UpstreamRequest } from '../provider-definition';

/** Spec 2.4: the User-Agent and Originator forced on ChatGPT OAuth requests (Codex cloaking). */
export const codexUserAgent = 'codex-tui/0.146.0 (Mac OS 26.5.0; arm64) iTerm.app/3.6.10 (codex-tui; 0.146.0)';
export const codexOriginator = 'codex-tui';

/** Client headers passed through when present (spec 2.4). */
const passThroughHeaders = ['version', 'x-codex-turn-metadata', 'x-client-request-id', 'x-codex-window-id', 'thread-id', 'x-codex-beta-features', 'x-openai-internal-codex-responses-lite'] as const;

/**
 * The ChatGPT Codex backend for OAuth accounts (spec 2.4): always `POST {base}/responses` as SSE (the body
 * was forced to `stream: true`), Bearer access token, `Chatgpt-Account-Id`, Codex's UA and Originator, and
 * `Session-Id` = the body's prompt_cache_key (carried in the call's cloak mark). `codex-header-defaults`
 * replaces the built-in user agent (still forced over the client's, spec 2.4). The file's `headers` come last.
 */
export function buildCodexOAuthRequest(credential: Credential, call: UpstreamCall, body: string, clientHeaders: ClientHeaders): UpstreamRequest {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'text/event-stream',
    'user-agent': credential.headerDefaults?.['user-agent'] ?? codexUserAgent,
    originator: codexOriginator,
  };
  for (const name of passThroughHeaders) {
    const value = clientHeader(clientHeaders, name);
    if (value) headers[name] = value;
  }
  if (call.cloak?.sessionId) headers['session-id'] = call.cloak.sessionId;
  const accountId = credential.oauth?.accountId ?? '';
  if (accountId) headers['chatgpt-account-id'] = accountId;
  headers.authorization = `Bearer ${credential.apiKey}`;
  applyCredentialHeaders(headers, credential.headers, clientHeaders);
  return { method: 'POST', url: `${credential.baseUrl}/responses`, headers, body };
}
