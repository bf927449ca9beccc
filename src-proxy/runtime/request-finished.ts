/** Token counts of one request as the upstream reported them (0 where it reported nothing). */
export interface RequestTokens {
  input: number;
  output: number;
  /** Input tokens served from the provider's prompt cache (part of `input`). */
  cached: number;
  /** Reasoning/thinking tokens (part of `output`). */
  reasoning: number;
  total: number;
}

/**
 * One finished proxied request: the request log line, the live strip, usage history and per-account
 * counters all come from this. Never holds a secret: the client key is a label (see clientKeyLabel).
 */
export interface RequestFinished {
  /** fastify request id. */
  id: string;
  /** Route pattern, e.g. '/v1/chat/completions'. */
  route: string;
  /** Epoch ms when the request arrived. */
  startedAt: number;
  /** The client's wire format. */
  clientProtocol: string | null;
  /** A non-reversible label of the client key used ('key-1a2b3c4d'), null when client auth is off. */
  clientKey: string | null;
  /** Provider id (`ProviderDefinition.id`) of the credential that answered last. */
  provider: string | null;
  /** Credential id (auth file name or config entry id) that answered last. */
  credential: string | null;
  /** What a user recognises: the account email, or the config entry's label. */
  accountLabel: string | null;
  /** Model the client asked for. */
  model: string | null;
  /** Model sent upstream (after aliases and prefixes). */
  upstreamModel: string | null;
  stream: boolean;
  status: number;
  latencyMs: number;
  /** Time to the first byte sent to the client; null when nothing was sent. */
  ttfbMs: number | null;
  attempts: number;
  tokens: RequestTokens | null;
  /** First line of the error for a failed request (safe to show: no secrets). */
  error: string | null;
}
