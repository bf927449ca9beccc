import type { Credential } from '../../routing/credential';
import { applyCredentialHeaders } from '../apply-credential-headers';
import { clientHeader } from '../client-header';
import type { ClientHeaders, UpstreamCall, UpstreamRequest } from '../provider-definition';

/** docs/providers.md#codex-executor: the User-Agent and Originator forced on ChatGPT OAuth requests (Codex cloaking). */
export const codexUserAgent = 'codex-tui/0.146.0 (Mac OS 26.5.0; arm64) iTerm.app/3.6.10 (codex-tui; 0.146.0)';
export const codexOriginator = 'codex-tui';

/** Client headers passed through when present (docs/providers.md#codex-executor). */
const passThroughHeaders = ['version', 'x-codex-turn-metadata', 'x-client-request-id', 'x-codex-window-id', 'thread-id', 'x-codex-beta-features', 'x-openai-internal-codex-responses-lite'] as const;

/**
 * The Codex backend's request for both kinds of Codex credential (docs/providers.md#codex-executor, docs/providers.md#codex-api-key): `POST {base}/responses`
 * as SSE (the body was forced to `stream: true`), Bearer token, `Session-Id` = the body's prompt_cache_key
 * (carried in the call's cloak mark), the Codex client headers passed through, the credential's `headers` last.
 * What differs is the identity (`codexIdentityHeaders`). A compaction is `POST {base}/responses/compact`,
 * answered with JSON.
 */
export function buildCodexRequest(credential: Credential, call: UpstreamCall, body: string, clientHeaders: ClientHeaders): UpstreamRequest {
  const compact = call.operation === 'compact';
  const accept = compact ? 'application/json' : 'text/event-stream';
  const headers: Record<string, string> = { 'content-type': 'application/json', accept, ...codexIdentityHeaders(credential, clientHeaders) };
  for (const name of passThroughHeaders) {
    const value = clientHeader(clientHeaders, name);
    if (value) headers[name] = value;
  }
  if (call.cloak?.sessionId) headers['session-id'] = call.cloak.sessionId;
  if (credential.apiKey) headers.authorization = `Bearer ${credential.apiKey}`;
  applyCredentialHeaders(headers, credential.headers, clientHeaders);
  return { method: 'POST', url: `${credential.baseUrl}/responses${compact ? '/compact' : ''}`, headers, body };
}

/**
 * A ChatGPT login presents itself as Codex CLI: Codex's User-Agent (`codex-header-defaults` replaces the
 * built-in one, still over the client's), `Originator: codex-tui` and `Chatgpt-Account-Id`. A
 * `codex-api-key` is not a ChatGPT account: no account header, the client's Originator only if it sent one,
 * and the client's User-Agent when it sent one (Codex's otherwise); `codex-header-defaults` do not apply.
 */
function codexIdentityHeaders(credential: Credential, clientHeaders: ClientHeaders): Record<string, string> {
  if (!credential.oauth) {
    const originator = clientHeader(clientHeaders, 'originator');
    return { 'user-agent': clientHeader(clientHeaders, 'user-agent') || codexUserAgent, ...(originator ? { originator } : {}) };
  }
  const accountId = credential.oauth.accountId ?? '';
  return {
    'user-agent': credential.headerDefaults?.['user-agent'] ?? codexUserAgent,
    originator: codexOriginator,
    ...(accountId ? { 'chatgpt-account-id': accountId } : {}),
  };
}
