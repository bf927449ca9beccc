/**
 * A model name split once into its routing name and the thinking suffix (docs/routing.md#model-names, docs/protocols.md#model-name-suffix): `gpt-5(high)`
 * routes as `gpt-5`, and the `(high)` suffix travels on as reasoning intent for the upstream. Parsed at
 * the edge (the client's request, createClientCall) and carried as this value: routing matches `base`,
 * answers and cooldowns use `text`, the upstream gets `base` plus the suffix's reasoning settings.
 */
export interface ModelName {
  /** As written (what answers echo): `gpt-5(high)`. */
  text: string;
  /** Trimmed, without the suffix: `gpt-5`. A `prefix/` stays on it (which prefixes exist is routing's business). */
  base: string;
  /** The thinking suffix with its parentheses, `(high)`, `(8192)`; '' when there is none. */
  suffix: string;
}

export function parseModelName(text: string): ModelName {
  const trimmed = text.trim();
  const open = trimmed.lastIndexOf('(');
  if (open > 0 && trimmed.endsWith(')')) {
    return { text, base: trimmed.slice(0, open), suffix: trimmed.slice(open) };
  }
  return { text, base: trimmed, suffix: '' };
}

/**
 * The model a credential is asked for: its name for the requested model (an alias target, or the
 * requested name itself) with the client's suffix. The only place a name and a suffix are put together.
 * A target may carry a suffix of its own (`models: [{ name: 'gemini-2.5-pro(8192)' }]`); the client's wins.
 */
export function upstreamModelName(target: string, requestedSuffix: string): ModelName {
  if (!requestedSuffix) return parseModelName(target);
  const base = target.trimStart();
  // An empty target leaves the bare suffix, which reads as a name (not a suffix) like any `(x)` alone.
  return base ? { text: target + requestedSuffix, base, suffix: requestedSuffix } : parseModelName(requestedSuffix);
}
