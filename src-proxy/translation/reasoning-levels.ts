import type { ReasoningConfig, ReasoningEffort } from '../canonical/index';

/**
 * Effort levels <-> token budgets (docs/protocols.md#reasoning-levels), shared by every protocol that has only one of the two:
 * Anthropic and Gemini 2.5 speak budgets, OpenAI speaks levels.
 */
const budgetForLevel: Record<ReasoningEffort, number> = {
  none: 0,
  auto: -1,
  minimal: 512,
  low: 1024,
  medium: 8192,
  high: 24576,
  xhigh: 32768,
  max: 128000,
};

export function levelToBudget(level: ReasoningEffort): number {
  return budgetForLevel[level];
}

export function budgetToLevel(budget: number): ReasoningEffort {
  if (budget < 0) return 'auto';
  if (budget === 0) return 'none';
  if (budget <= 512) return 'minimal';
  if (budget <= 1024) return 'low';
  if (budget <= 8192) return 'medium';
  if (budget <= 24576) return 'high';
  return 'xhigh';
}

const levels = new Set<string>(Object.keys(budgetForLevel));

export function parseReasoningEffort(value: unknown): ReasoningEffort | undefined {
  if (typeof value !== 'string') return undefined;
  const lower = value.trim().toLowerCase();
  return levels.has(lower) ? (lower as ReasoningEffort) : undefined;
}

/**
 * The `model(value)` suffix convention (docs/protocols.md#model-name-suffix): `gpt-5(high)`, `claude-sonnet-4-5(16384)`,
 * `gemini-2.5-pro(none)`. Returns undefined for an unknown value (the suffix is then ignored).
 */
export function reasoningFromSuffix(suffix: string): ReasoningConfig | undefined {
  const inner = suffix.replace(/^\(|\)$/g, '').trim();
  if (/^-?\d+$/.test(inner)) {
    const budget = Number(inner);
    if (budget < -1) return undefined;
    return budget === -1 ? { effort: 'auto' } : budget === 0 ? { effort: 'none' } : { budgetTokens: budget };
  }
  const effort = parseReasoningEffort(inner);
  return effort ? { effort } : undefined;
}


/** Effective level of a reasoning config: explicit level wins, else the budget's level. */
export function reasoningLevel(config: ReasoningConfig): ReasoningEffort | undefined {
  if (config.effort) return config.effort;
  return config.budgetTokens !== undefined ? budgetToLevel(config.budgetTokens) : undefined;
}
