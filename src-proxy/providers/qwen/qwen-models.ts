/** docs/providers.md#model-lists, the registry's qwen list (at removal only coder-model; the earlier ids stay servable). */
export const qwenModels: readonly string[] = ['coder-model', 'qwen3-coder-plus', 'qwen3-coder-flash', 'vision-model'];
