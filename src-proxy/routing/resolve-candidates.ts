import type { Credential, ModelAlias } from './credential';
import { isModelExcluded } from './match-model-pattern';
import { parseModelName, upstreamModelName, type ModelName } from './parse-model-name';

export interface RouteCandidate {
  credential: Credential;
  /** The model name to send upstream (prefix stripped, alias resolved, thinking suffix kept). */
  upstreamModel: string;
  /** The same, split (name and suffix): set by resolveCandidates; see upstreamModelOf. */
  upstream?: ModelName;
  /** Set when the alias has `force-mapping`: the model name answers must carry instead of `upstreamModel`. */
  answerModel?: string;
}

/**
 * Which credentials can serve a requested model, and under which upstream name (docs/routing.md#candidates, docs/routing.md#prefixes, docs/routing.md#aliases-and-force-mapping):
 * `prefix/model` reaches only credentials with that prefix; a plain name reaches unprefixed credentials
 * and, unless `force-model-prefix`, prefixed ones too; configured `models` restrict and alias;
 * `excluded-models` remove ids.
 */
export function resolveCandidates(
  requestedModel: ModelName | string,
  credentials: readonly Credential[],
  forceModelPrefix: boolean,
): RouteCandidate[] {
  const requested = typeof requestedModel === 'string' ? parseModelName(requestedModel) : requestedModel;
  const { base, suffix } = requested;
  if (!base) return [];
  // `team/x` is addressed to the `team` prefix when some credential has it; otherwise the slash is part of
  // the model name (e.g. `meta-llama/Llama-3`) and credentials that serve any model may take it.
  const addressedPrefix = credentials.find((credential) => credential.prefix && base.startsWith(`${credential.prefix}/`))?.prefix;
  const explicit: RouteCandidate[] = [];
  const catchAll: RouteCandidate[] = [];
  for (const credential of credentials) {
    if (addressedPrefix && credential.prefix !== addressedPrefix) continue;
    const visible = visibleModelFor(credential, base, forceModelPrefix);
    if (visible === null || isModelExcluded(credential.excludedModels, visible)) continue;
    const entry = aliasEntryFor(credential, visible);
    if (entry === null) continue;
    const upstream = upstreamModelName(entry === 'any' ? visible : entry.name, suffix);
    const routed: RouteCandidate = { credential, upstreamModel: upstream.text, upstream };
    const candidate: RouteCandidate = entry !== 'any' && entry.forceMapping ? { ...routed, answerModel: requested.text } : routed;
    (credential.models === null ? catchAll : explicit).push(candidate);
  }
  // Credentials that list the model win over catch-all entries (an openai-compatibility entry without
  // `models`), so adding such an entry never steals traffic meant for a Claude or Gemini account.
  return explicit.length > 0 ? explicit : catchAll;
}

/** A candidate's upstream model, split: as resolveCandidates made it, or parsed from a hand-built candidate's name. */
export function upstreamModelOf(candidate: RouteCandidate): ModelName {
  return candidate.upstream ?? parseModelName(candidate.upstreamModel);
}

/** The client-visible id this credential would serve for the request, or null if it is not addressed. */
function visibleModelFor(credential: Credential, base: string, forceModelPrefix: boolean): string | null {
  const { prefix } = credential;
  if (prefix && base.startsWith(`${prefix}/`)) return base.slice(prefix.length + 1);
  if (!prefix || !forceModelPrefix || prefix === base) return base;
  return null;
}

/** The credential's `models` entry for a client-visible id; 'any' for a credential that serves every name. */
function aliasEntryFor(credential: Credential, visible: string): ModelAlias | 'any' | null {
  if (credential.models === null) return 'any';
  const wanted = visible.toLowerCase();
  return credential.models.find((model) => model.alias.toLowerCase() === wanted) ?? null;
}

/** Every model id clients can ask for, for `GET /v1/models` (docs/routing.md#model-listing): aliases plus prefix variants. */
export function listServedModels(credentials: readonly Credential[], forceModelPrefix: boolean): ServedModel[] {
  const served = new Map<string, ServedModel>();
  for (const credential of credentials) {
    for (const model of credential.models ?? []) {
      if (isModelExcluded(credential.excludedModels, model.alias)) continue;
      const ids = credential.prefix ? [`${credential.prefix}/${model.alias}`] : [];
      if (!credential.prefix || !forceModelPrefix || credential.prefix === model.alias) ids.push(model.alias);
      for (const id of ids) if (!served.has(id)) served.set(id, { id, ownedBy: credential.providerKey });
    }
  }
  return [...served.values()];
}

export interface ServedModel {
  id: string;
  ownedBy: string;
}
