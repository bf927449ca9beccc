import type { CanonicalRequest, ReasoningEffort, TranslationWarning } from '../../canonical/index';
import { budgetToLevel, levelToBudget } from '../../translation/reasoning-levels';

/**
 * Canonical reasoning + max tokens -> Anthropic `thinking`, `output_config.effort` and `max_tokens`,
 * following the extended / adaptive thinking guides (https://docs.anthropic.com/en/docs/build-with-claude/
 * extended-thinking): budget_tokens must be >= 1024 and < max_tokens; adaptive thinking takes an effort.
 */

/** `max_tokens` is required by Anthropic; used when the canonical request has no maxOutputTokens. */
export const DEFAULT_MAX_TOKENS = 8192;
/**
 * Default when thinking is on: thinking tokens count toward max_tokens, so leave room for both.
 * 32000 is the largest output every current thinking model accepts (Claude Opus 4/4.1 cap).
 */
export const DEFAULT_MAX_TOKENS_WITH_THINKING = 32000;
/** Smallest budget Anthropic accepts (ThinkingConfigEnabled.budget_tokens "Must be >= 1024"). */
export const MIN_THINKING_BUDGET = 1024;

export type ThinkingStyle = 'adaptive' | 'budget';

export interface ThinkingPlan {
  maxTokens: number;
  thinking?: Record<string, unknown>;
  effort?: 'low' | 'medium' | 'high' | 'xhigh' | 'max';
  /** Thinking enabled or adaptive: sampling parameters must then be restricted. */
  thinkingOn: boolean;
}

/**
 * Adaptive thinking (`thinking.type: adaptive` + `output_config.effort`) exists from Claude 4.6 on; older
 * models only take a budget. Decided from the model id when the provider does not say.
 */
export function defaultThinkingStyle(model: string): ThinkingStyle {
  const match = /claude-[a-z]+-(\d+)(?:-(\d{1,2}))?(?![\d])/.exec(model);
  if (!match) return 'budget';
  const major = Number(match[1]);
  const minor = match[2] === undefined ? 0 : Number(match[2]);
  return major > 4 || (major === 4 && minor >= 6) ? 'adaptive' : 'budget';
}

type Mode = { kind: 'none' } | { kind: 'disabled' } | { kind: 'budget'; budget: number } | { kind: 'adaptive'; effort?: ReasoningEffort };

function resolveMode(request: CanonicalRequest, style: ThinkingStyle): Mode {
  const reasoning = request.reasoning;
  if (!reasoning) return { kind: 'none' };
  const { budgetTokens: budget, effort } = reasoning;
  if (budget === 0 || (budget === undefined && effort === 'none')) return { kind: 'disabled' };
  if (budget !== undefined && budget > 0) {
    // Adaptive models deprecate `enabled` (the SDK warns for claude-opus-4-6): the budget becomes an effort.
    return style === 'adaptive' ? { kind: 'adaptive', effort: budgetToLevel(budget) } : { kind: 'budget', budget };
  }
  if (budget === undefined && effort === undefined) return { kind: 'none' };
  // A dynamic budget (-1), 'auto' or a level: adaptive where the model has it, else a level budget.
  const level = effort === undefined || effort === 'auto' ? undefined : effort;
  if (style === 'adaptive') return level === undefined ? { kind: 'adaptive' } : { kind: 'adaptive', effort: level };
  return { kind: 'budget', budget: levelToBudget(level ?? 'medium') };
}

export function planAnthropicThinking(
  request: CanonicalRequest,
  style: ThinkingStyle,
  forcedToolUse: boolean,
  warnings: TranslationWarning[],
): ThinkingPlan {
  let mode = resolveMode(request, style);
  if (forcedToolUse && (mode.kind === 'budget' || mode.kind === 'adaptive')) {
    // Anthropic: thinking only supports tool_choice auto/none; the forced tool call is what the client needs.
    warnings.push({ field: 'reasoning', message: 'thinking is not compatible with a forced tool_choice; thinking dropped' });
    mode = { kind: 'none' };
  }
  const explicit = request.maxOutputTokens;
  const thinkingOn = mode.kind === 'budget' || mode.kind === 'adaptive';
  const maxTokens = explicit ?? (thinkingOn ? DEFAULT_MAX_TOKENS_WITH_THINKING : DEFAULT_MAX_TOKENS);
  switch (mode.kind) {
    case 'none':
      return { maxTokens, thinkingOn: false };
    case 'disabled':
      return { maxTokens, thinking: { type: 'disabled' }, thinkingOn: false };
    case 'adaptive':
      return planAdaptive(request, mode.effort, maxTokens);
    case 'budget':
      return planBudget(request, mode.budget, maxTokens, warnings);
  }
}

function planAdaptive(request: CanonicalRequest, effort: ReasoningEffort | undefined, maxTokens: number): ThinkingPlan {
  const thinking: Record<string, unknown> = { type: 'adaptive' };
  if (request.reasoning?.includeThoughts === false) thinking['display'] = 'omitted';
  const plan: ThinkingPlan = { maxTokens, thinking, thinkingOn: true };
  const mapped = effort === undefined ? undefined : mapEffort(effort);
  if (mapped !== undefined) plan.effort = mapped;
  return plan;
}

/** CPA's MapToClaudeEffort (docs/protocols.md#reasoning-levels), keeping xhigh (the API has it): minimal -> low, others as named. */
function mapEffort(effort: ReasoningEffort): ThinkingPlan['effort'] {
  switch (effort) {
    case 'minimal':
    case 'low':
      return 'low';
    case 'medium':
    case 'high':
    case 'xhigh':
    case 'max':
      return effort;
    case 'none':
    case 'auto':
      return undefined;
  }
}

/**
 * budget_tokens in [1024, max_tokens). The client's max_tokens is honoured (the budget shrinks to
 * max_tokens - 1); when that leaves less than 1024, thinking is dropped.
 */
function planBudget(request: CanonicalRequest, requested: number, maxTokens: number, warnings: TranslationWarning[]): ThinkingPlan {
  let budget = requested;
  if (budget < MIN_THINKING_BUDGET) {
    warnings.push({ field: 'reasoning.budgetTokens', message: `thinking budget ${budget} raised to Anthropic's minimum ${MIN_THINKING_BUDGET}` });
    budget = MIN_THINKING_BUDGET;
  }
  if (budget >= maxTokens) {
    if (maxTokens - 1 < MIN_THINKING_BUDGET) {
      warnings.push({ field: 'reasoning', message: `max_tokens ${maxTokens} leaves no room for a ${MIN_THINKING_BUDGET}-token thinking budget; thinking dropped` });
      return { maxTokens, thinkingOn: false };
    }
    warnings.push({ field: 'reasoning.budgetTokens', message: `thinking budget ${budget} reduced to max_tokens - 1 (${maxTokens - 1})` });
    budget = maxTokens - 1;
  }
  if (request.reasoning?.includeThoughts === false) {
    warnings.push({ field: 'reasoning.includeThoughts', message: 'hiding thinking needs adaptive thinking; thinking is returned' });
  }
  return { maxTokens, thinking: { type: 'enabled', budget_tokens: budget }, thinkingOn: true };
}
