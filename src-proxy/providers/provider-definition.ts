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

/** The operations a client route can ask of an upstream, independent of wire format. */
export type UpstreamOperation = 'chat' | 'completions';

export interface ProviderDefinition {
  /** Matches Credential.provider. */
  id: string;
  /** The wire format this provider's upstream speaks. */
  wire: 'openai-chat';
  /** Payload-rule protocol name of this upstream (spec 1.5): 'openai', 'claude', 'gemini', 'codex'. */
  payloadProtocol: string;
  buildRequest(credential: Credential, operation: UpstreamOperation, body: string, clientHeaders: ClientHeaders): UpstreamRequest;
}
