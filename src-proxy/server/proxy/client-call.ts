import type { CanonicalRequest, TranslationContext, TranslationWarning } from '../../canonical/index';
import type { ClientCodec, ClientRouteInfo } from '../../protocols/wire-codec';
import { parseModelName, type ModelName } from '../../routing/parse-model-name';
import { randomBase64url } from '../random-id';

/**
 * One client request as the proxy pipeline sees it: the validated body in the client's wire, plus a
 * lazily decoded canonical form (decoded at most once, and only when some attempt needs translating).
 */
export interface ClientCall {
  codec: ClientCodec;
  body: Record<string, unknown>;
  /** The model the client asked for (suffix included), as written: echoed in answers, keys cooldowns. */
  model: string;
  /** The same, parsed once here at the edge (name and thinking suffix) and carried to the upstream call. */
  requestedModel: ModelName;
  stream: boolean;
  route: ClientRouteInfo;
  /**
   * 'completions': the legacy /v1/completions endpoint; 'count-tokens': the protocol's token counter;
   * 'compact': `POST /v1/responses/compact` (Codex's context compaction, never streamed, always pass-through).
   */
  operation: 'generate' | 'completions' | 'count-tokens' | 'compact';
  context: TranslationContext;
  canonical(): CanonicalRequest;
  /** Warnings from decoding the client request (empty until canonical() ran). */
  decodeWarnings: TranslationWarning[];
}

export function createClientCall(
  init: Omit<ClientCall, 'canonical' | 'decodeWarnings' | 'context' | 'requestedModel'>,
  /** Golden tests inject a deterministic context; the server uses real ids and the real clock. */
  context: TranslationContext = realTranslationContext,
): ClientCall {
  return new LazyClientCall(init, context);
}

/** A class, not an object literal with a closure: one is made for every proxied request. */
class LazyClientCall implements ClientCall {
  readonly codec: ClientCodec;
  readonly body: Record<string, unknown>;
  readonly model: string;
  readonly requestedModel: ModelName;
  readonly stream: boolean;
  readonly route: ClientRouteInfo;
  readonly operation: ClientCall['operation'];
  decodeWarnings: TranslationWarning[] = noWarnings;
  private decoded: CanonicalRequest | undefined;

  constructor(
    init: Omit<ClientCall, 'canonical' | 'decodeWarnings' | 'context' | 'requestedModel'>,
    readonly context: TranslationContext,
  ) {
    this.codec = init.codec;
    this.body = init.body;
    this.model = init.model;
    this.requestedModel = parseModelName(init.model);
    this.stream = init.stream;
    this.route = init.route;
    this.operation = init.operation;
  }

  canonical(): CanonicalRequest {
    if (!this.decoded) {
      const result = this.codec.decodeRequest(this.body, this.context, this.route);
      this.decoded = result.value;
      this.decodeWarnings = result.warnings;
    }
    return this.decoded;
  }
}

/** Until canonical() ran; never added to (decoding replaces it). */
const noWarnings: TranslationWarning[] = [];

/** The I/O edge of translation: real ids and the real clock, injected into the pure translators. Stateless, so every request shares it. */
export const realTranslationContext: TranslationContext = {
  generateId: (prefix) => `${prefix}_${randomBase64url(12)}`,
  now: Date.now,
};
