/** docs/providers.md#model-lists, the registry's iflow list. */
export const iflowModels: readonly string[] = [
  'qwen3-coder-plus',
  'qwen3-max',
  'qwen3-vl-plus',
  'qwen3-max-preview',
  'glm-4.6',
  'kimi-k2',
  'deepseek-v3.2',
  'deepseek-v3.1',
  'deepseek-r1',
  'deepseek-v3',
  'qwen3-32b',
  'qwen3-235b-a22b-thinking-2507',
  'qwen3-235b-a22b-instruct',
  'qwen3-235b',
  'iflow-rome-30ba3b',
];
