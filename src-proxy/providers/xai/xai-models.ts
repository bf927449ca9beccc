/** docs/providers.md#model-lists: CPA's xai list (its image and video models are left out: no image or video routes here). */
export const xaiModels: readonly string[] = [
  'grok-4.6',
  'grok-build-0.1',
  'grok-4.5',
  'grok-4.3',
  'grok-4.20-0309-reasoning',
  'grok-4.20-0309-non-reasoning',
  'grok-4.20-multi-agent-0309',
  'grok-3-mini',
  'grok-3-mini-fast',
  'grok-composer-2.5-fast',
];

/** The models CPA's registry gives reasoning levels: only these accept `reasoning.effort` (docs/providers.md#xai-executor). */
export const xaiReasoningEffortModels: ReadonlySet<string> = new Set(['grok-4.6', 'grok-4.5', 'grok-4.3', 'grok-4.20-multi-agent-0309', 'grok-3-mini', 'grok-3-mini-fast']);
