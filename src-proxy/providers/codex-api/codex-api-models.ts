/** Served when a `codex-api-key` entry lists no `models` (docs/config.md#credential-entries: the Codex "pro" list). */
export const codexApiModels: readonly string[] = ['gpt-5.5', 'gpt-5.4', 'gpt-5.4-mini', 'gpt-5.3-codex-spark', 'gpt-5.6-sol', 'gpt-5.6-terra', 'gpt-5.6-luna'];
