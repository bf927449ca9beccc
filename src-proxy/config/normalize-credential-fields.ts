/**
 * Field normalizations shared by every credential list in config.yaml (docs/config.md#loading-and-normalisation): openai-compatibility,
 * gemini/claude/codex/vertex keys.
 */

/** Trims, removes empty strings and duplicates; keeps the order of first occurrence. */
export function uniqueTrimmed(values: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const value of values) {
    const trimmed = value.trim();
    if (trimmed !== '') seen.add(trimmed);
  }
  return [...seen];
}

/** Excluded-model patterns match case-insensitively, so they are stored lower-cased. */
export function normalizeExcludedModels(patterns: readonly string[]): string[] {
  return uniqueTrimmed(patterns.map((pattern) => pattern.toLowerCase()));
}

/**
 * `prefix` is one path segment clients put before a model (`team/gpt-5`): surrounding whitespace and
 * slashes are removed, and a value that still contains '/' cannot be one segment, so it is discarded.
 */
export function normalizePrefix(prefix: string | null | undefined): string {
  const trimmed = (prefix ?? '').trim().replace(/^\/+|\/+$/g, '').trim();
  return trimmed.includes('/') ? '' : trimmed;
}

/** Keys and values trimmed; a pair with an empty key or value is removed. */
export function normalizeHeaders(
  headers: Readonly<Record<string, string | null | undefined>> | null | undefined,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const key = name.trim();
    const text = (value ?? '').trim();
    if (key !== '' && text !== '') result[key] = text;
  }
  return result;
}

/** Removes trailing slashes so paths can be appended with a single '/'. */
export function trimBaseUrl(url: string | null | undefined): string {
  return (url ?? '').trim().replace(/\/+$/, '');
}

export interface ModelAlias {
  name: string;
  /** What clients ask for; never empty (defaults to name). */
  alias: string;
  /** `force-mapping: true`: answers name the alias instead of the upstream model. */
  forceMapping?: boolean;
}

/** `models[]`: trimmed; an empty alias means the name; a model without a name is dropped with a warning. */
export function normalizeModels(
  models: readonly { name: string; alias?: string | null | undefined; 'force-mapping'?: boolean | null | undefined }[] | null | undefined,
  where: string,
  warn: (message: string) => void,
): ModelAlias[] {
  const result: ModelAlias[] = [];
  (models ?? []).forEach((model, index) => {
    const name = model.name.trim();
    if (name === '') {
      warn(`${where}.models[${index}] has no name and is ignored`);
      return;
    }
    const alias = model.alias?.trim() ?? '';
    result.push({ name, alias: alias === '' ? name : alias, ...(model['force-mapping'] === true ? { forceMapping: true } : {}) });
  });
  return result;
}

/**
 * A credential's `weight` for weighted-round-robin: absent means 1; zero or negative means the strategy
 * never picks it (CPA's rule; the schema already refused values above 1,000,000).
 */
export function normalizeWeight(weight: number | null | undefined): number {
  if (weight === null || weight === undefined) return 1;
  return Math.max(0, weight);
}
