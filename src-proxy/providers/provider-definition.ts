import type { WireFormat } from '../canonical/index';
import type { Credential } from '../routing/credential';

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
  /** 'generate' = a model call; 'count-tokens' = the upstream's token counter; 'completions' = legacy text completions. */
  operation: 'generate' | 'count-tokens' | 'completions';
  /** Upstream model name (after alias resolution). */
  model: string;
  stream: boolean;
}

export interface ProviderDefinition {
  /** Matches Credential.provider. */
  id: string;
  /** The wire format this provider's upstream speaks. */
  wire: WireFormat;
  /** Payload-rule protocol name of this upstream (spec 1.5): 'openai', 'claude', 'gemini', 'codex'. */
  payloadProtocol: string;
  /** Whether the upstream has its own token counter (else count_tokens is estimated locally). */
  countsTokens: boolean;
  buildRequest(credential: Credential, call: UpstreamCall, body: string, clientHeaders: ClientHeaders): UpstreamRequest;
}
