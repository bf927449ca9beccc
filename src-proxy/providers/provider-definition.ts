import type { WireFormat } from '../canonical/index';
import type { ApiKeyEntry, ClaudeApiKeyEntry } from '../config/config-entry-types';
import type { EngineConfig } from '../config/engine-config';
import type { Credential } from '../routing/credential';
import type { ProviderAuthFiles } from './provider-auth';
import type { ProviderQuota } from './provider-quota';

/** A request ready for undici: everything the provider decided about URL, headers and body. */
export interface UpstreamRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/** The client's request headers, lower-cased, as Node gives them. */
export type ClientHeaders = Record<string, string | string[] | undefined>;

/** What a route asks of an upstream, independent of wire format. */
export interface UpstreamCall {
  /**
   * 'generate' = a model call; 'count-tokens' = the upstream's token counter; 'completions' = legacy text
   * completions; 'compact' = the Codex backend's `/responses/compact` (only providers with `servesCompact`).
   */
  operation: 'generate' | 'count-tokens' | 'completions' | 'compact';
  /** Upstream model name (after alias resolution). */
  model: string;
  stream: boolean;
  /** Set when prepareBody disguised the body as the vendor's own client: buildRequest sends its identity headers. */
  cloak?: CloakMark | undefined;
}

/** What a cloaked body carries that its headers must repeat (Claude Code: `X-Claude-Code-Session-Id`), or its envelope (Antigravity: `requestId`). */
export interface CloakMark {
  /** The session id written into the body (`metadata.user_id.session_id`). */
  sessionId: string;
  /** One id per upstream request (`x-client-request-id`). */
  requestId: string;
}

/** What a provider's prepareBody may look at besides the upstream body. */
export interface BodyPreparationContext {
  /** The upstream operation: 'generate' whenever the body was translated ('compact' is never translated). */
  operation: UpstreamCall['operation'];
  /** The client's own wire and body, read-only: client detection looks at what the client sent, not a translation. */
  clientWire: WireFormat;
  clientBody: Readonly<Record<string, unknown>>;
  /** The request's injected id source (deterministic in tests): the only randomness a provider may use. */
  generateId: (prefix: string) => string;
}

/** What prepareBody reports back for buildRequest. */
export interface BodyPreparation {
  cloak?: CloakMark;
}

/** An API-key provider's config section (docs/config.md): build-credentials makes one credential per entry. */
export interface ProviderApiKeys {
  /** The config.yaml key listing the entries (`claude-api-key`): credential labels (`claude-api-key[0]`) and stable ids use it. */
  section: string;
  /** Credential.providerKey of its keys, as CPA names the provider (`claude`). */
  providerKey: string;
  /** The section's normalised entries. */
  entries(config: EngineConfig): readonly (ApiKeyEntry | ClaudeApiKeyEntry)[];
  /** Optional: what its credentials take from config outside the entry (Claude: `claude-header-defaults`). */
  fromConfig?(config: EngineConfig): Pick<Credential, 'headerDefaults'>;
}

export interface ProviderDefinition {
  /** Matches Credential.provider. */
  id: string;
  /** What a user calls it, in the UI, the tray and notifications ('Gemini', 'Claude API key'); published to them over the control contract. */
  label: string;
  /** The wire format this provider's upstream speaks. */
  wire: WireFormat;
  /** Payload-rule protocol name of this upstream (docs/config.md#payload-rules): 'openai', 'claude', 'gemini', 'codex'. */
  payloadProtocol: string;
  /** Whether the upstream has its own token counter (else count_tokens is estimated locally). */
  countsTokens: boolean;
  /** Whether the upstream serves `POST /responses/compact` (the Codex backend); others answer it 501. */
  servesCompact?: boolean;
  /** The built-in catalogue (docs/providers.md#model-lists): what a key or account that names no models of its own serves. */
  models?: readonly string[];
  /** The cheapest model of `models`: what the doctor's hello asks (docs/doctor.md#hello) when the account names no models of its own. */
  helloModel?: string;
  /** `GET /v0/management/model-definitions/:channel` (docs/management-api.md#auth-files) lists `models` under this channel. */
  modelChannel?: { name: string; ownedBy: string };
  /** API-key providers with a config section of their own (`openai-compatibility` entries are built apart: one provider, many names). */
  apiKeys?: ProviderApiKeys;
  /**
   * Providers with auth files in auth-dir: a login provider's `ProviderAuth` (login, refresh, endpoints,
   * credentials, CLI login), or only the files' part (`ProviderAuthFiles`) when accounts arrive by import.
   */
  auth?: ProviderAuthFiles;
  /** What the provider tells about an account's quota (headers, usage endpoint), or that it tells nothing; absent = nothing to read. */
  quota?: ProviderQuota;
  /**
   * Optional provider-owned rewrite of the upstream body for one attempt, on both the pass-through and the
   * translated path, after payload rules (e.g. Claude Code cloaking). `body` is a top-level object private
   * to this attempt, but its nested values may be shared with the client's body or the cached canonical
   * request: replace top-level members, never mutate nested values in place. Providers without it pay nothing.
   */
  prepareBody?(body: Record<string, unknown>, credential: Credential, clientHeaders: ClientHeaders, context: BodyPreparationContext): BodyPreparation | undefined;
  buildRequest(credential: Credential, call: UpstreamCall, body: string, clientHeaders: ClientHeaders): UpstreamRequest;
  /**
   * Optional: an upstream that says "this token is no longer valid" with another status than 401 (xAI's chat
   * proxy: 403 `bad-credentials`). Such a failure counts as a 401 for routing: an OAuth account's token is
   * refreshed once and the call retried (docs/routing.md#oauth-tokens-per-attempt); the client still sees the upstream's answer.
   */
  isExpiredTokenAnswer?(status: number, body: string): boolean;
  /**
   * Optional: an upstream that always streams (the Codex backend) turns a non-stream call's whole SSE body
   * into the JSON response of its wire, or into the failure the stream reported.
   */
  assembleBufferedReply?(body: string): { ok: true; body: string } | { ok: false; status: number; message: string; body: string };
  /**
   * Optional: rewrites a streamed upstream body before anything reads it (Gemini CLI unwraps the
   * `response` envelope of each SSE event). One rewriter per stream; `flush` returns what is left at the end.
   */
  createStreamRewriter?(): { push(chunk: Buffer): Buffer; flush(): Buffer };
}
