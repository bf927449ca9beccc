import type { TranslationWarning } from '../../canonical/index';
import type { PayloadRules } from '../../payload/apply-payload-rules';
import { applyPayloadRules, hasPayloadRules } from '../../payload/apply-payload-rules';
import { getUpstreamCodec } from '../../protocols/codec-registry';
import type { UpstreamCodec, UpstreamRestore } from '../../protocols/wire-codec';
import type { BodyPreparationContext, ClientHeaders, CloakMark, ProviderDefinition } from '../../providers/provider-definition';
import { upstreamModelOf, type RouteCandidate } from '../../routing/resolve-candidates';
import { reasoningFromSuffix } from '../../translation/reasoning-levels';
import type { ClientCall } from './client-call';

export interface PreparedUpstream {
  body: string;
  /** Model name for the upstream URL/body: alias resolved, thinking suffix removed when translated. */
  model: string;
  /** Undefined on the pass-through path: the upstream's bytes go back unchanged. */
  translation: { codec: UpstreamCodec; restore: UpstreamRestore } | undefined;
  warnings: TranslationWarning[];
  /** Set when the provider's prepareBody cloaked the body; handed to buildRequest (UpstreamCall.cloak). */
  cloak?: CloakMark | undefined;
}

/**
 * The upstream body for one attempt. Same wire on both sides and no thinking suffix: pass-through, with
 * only the model rewritten (the fast path). Otherwise: client wire -> canonical -> upstream wire, with a
 * `model(value)` suffix turned into the upstream's own reasoning settings (docs/protocols.md#model-name-suffix). On both paths a
 * provider's optional prepareBody (Claude cloaking) has the last word on the body object.
 */
export function prepareUpstreamRequest(
  call: ClientCall,
  candidate: RouteCandidate,
  provider: ProviderDefinition,
  rules: PayloadRules,
  clientHeaders: ClientHeaders = {},
): PreparedUpstream {
  const { text, base, suffix } = upstreamModelOf(candidate);
  if (isPassThrough(call, provider, suffix)) {
    // A compaction's output items have no canonical form: it is never translated, and a suffix is just dropped.
    const model = call.operation === 'compact' ? base : text;
    const body = rewriteForPassThrough(call, model, rules, provider, base, provider.prepareBody !== undefined);
    const prepared = provider.prepareBody?.(body, candidate.credential, clientHeaders, bodyContext(call, call.operation));
    return { body: JSON.stringify(body), model, translation: undefined, warnings: [], cloak: prepared?.cloak };
  }
  const canonical = call.canonical();
  const reasoning = suffix ? reasoningFromSuffix(suffix) : undefined;
  const codec = getUpstreamCodec(provider.wire);
  const encoded = codec.encodeRequest({ ...canonical, model: base, ...(reasoning ? { reasoning: { ...canonical.reasoning, ...reasoning } } : {}) }, call.context);
  if (hasPayloadRules(rules)) applyPayloadRules(encoded.body, call.body, rules, payloadTarget(call, provider, base));
  const prepared = provider.prepareBody?.(encoded.body, candidate.credential, clientHeaders, bodyContext(call, 'generate'));
  const translation = { codec, restore: encoded.restore };
  return { body: JSON.stringify(encoded.body), model: base, translation, warnings: [...call.decodeWarnings, ...encoded.warnings], cloak: prepared?.cloak };
}

function bodyContext(call: ClientCall, operation: BodyPreparationContext['operation']): BodyPreparationContext {
  return { operation, clientWire: call.codec.passthroughWire, clientBody: call.body, generateId: (prefix) => call.context.generateId(prefix) };
}

function isPassThrough(call: ClientCall, provider: ProviderDefinition, suffix: string): boolean {
  return call.codec.passthroughWire === provider.wire && (suffix === '' || call.operation === 'compact');
}

/** What payload rules match on (built only when there are rules). */
function payloadTarget(call: ClientCall, provider: ProviderDefinition, upstreamModel: string): Parameters<typeof applyPayloadRules>[3] {
  return { upstreamModel, requestedModel: call.model, protocol: provider.payloadProtocol, fromProtocol: payloadProtocolOf(call) };
}

/** `ownCopy`: the caller edits the result's top level (a provider's prepareBody), so never hand out call.body itself. */
function rewriteForPassThrough(
  call: ClientCall,
  upstreamModel: string,
  rules: PayloadRules,
  provider: ProviderDefinition,
  baseModel: string,
  ownCopy: boolean,
): Record<string, unknown> {
  const body = call.codec.passThroughBody?.(call.body) ?? call.body;
  // Gemini carries the model in the URL, not the body. A body that already names the upstream model
  // serializes the same without the copy (the key keeps its place either way).
  const keepsModel = call.codec.id === 'gemini' || body.model === upstreamModel;
  const withModel = !keepsModel ? { ...body, model: upstreamModel } : ownCopy ? { ...body } : body;
  if (!hasPayloadRules(rules)) return withModel;
  const copy = structuredClone(withModel);
  applyPayloadRules(copy, call.body, rules, payloadTarget(call, provider, baseModel));
  return copy;
}

/** Client wire as payload rules name it (`from-protocol`, docs/config.md#payload-rules). */
function payloadProtocolOf(call: ClientCall): string {
  switch (call.codec.id) {
    case 'openai-chat':
    case 'openai-completions':
      return 'openai';
    case 'openai-responses':
      return 'responses';
    case 'anthropic-messages':
      return 'claude';
    case 'gemini':
      return 'gemini';
    default: {
      const unknownId: never = call.codec.id;
      return String(unknownId);
    }
  }
}
