/** docs/providers.md#model-lists: the Codex model list chosen by the id_token's `plan_type`; an unknown plan gets the pro list. */
const proModels = ['gpt-5.3-codex-spark', 'gpt-5.4', 'gpt-5.4-mini', 'gpt-5.5', 'gpt-5.6-sol', 'gpt-5.6-terra', 'gpt-5.6-luna', 'codex-auto-review'] as const;
const teamModels = ['gpt-5.4', 'gpt-5.4-mini', 'gpt-5.5', 'gpt-5.6-sol', 'gpt-5.6-terra', 'gpt-5.6-luna', 'codex-auto-review'] as const;
const freeModels = ['gpt-5.4-mini', 'gpt-5.5', 'gpt-5.6-terra', 'gpt-5.6-luna', 'codex-auto-review'] as const;

export function codexModelsForPlan(planType: string): readonly string[] {
  switch (planType.toLowerCase()) {
    case 'team':
    case 'business':
    case 'go':
      return teamModels;
    case 'free':
      return freeModels;
    default:
      return proModels;
  }
}
