/** docs/providers.md#model-lists: CLIProxyAPI's kimi list (its model registry); clients name them with the `kimi-` prefix. */
export const kimiModels: readonly string[] = ['kimi-k2', 'kimi-k2-thinking', 'kimi-k2.5', 'kimi-k2.6', 'kimi-k2.7-code', 'kimi-k2.7-code-highspeed', 'kimi-k3', 'kimi-k3-256k'];

/** The K2.7 Code names (with or without the prefix) are Kimi Code's own `kimi-for-coding` models. */
const codingModels: Readonly<Record<string, string>> = {
  'kimi-k2.7-code': 'kimi-for-coding',
  'k2.7-code': 'kimi-for-coding',
  'kimi-for-coding': 'kimi-for-coding',
  'for-coding': 'kimi-for-coding',
  'kimi-k2.7-code-highspeed': 'kimi-for-coding-highspeed',
  'k2.7-code-highspeed': 'kimi-for-coding-highspeed',
  'kimi-for-coding-highspeed': 'kimi-for-coding-highspeed',
  'for-coding-highspeed': 'kimi-for-coding-highspeed',
};

/**
 * docs/providers.md#kimi-executor: the id the Kimi API knows: lower-cased, Claude Code's `[1m]` context
 * marker dropped, the K2.7 Code names mapped to `kimi-for-coding(-highspeed)`, else the `kimi-` prefix
 * removed (`kimi-k2.6` -> `k2.6`). Idempotent. A thinking suffix never gets here (the engine turns it into
 * reasoning settings first).
 */
export function kimiUpstreamModel(model: string): string {
  const base = model.trim().toLowerCase().replace(/\[1m\]$/, '');
  return codingModels[base] ?? (base.startsWith('kimi-') ? base.slice('kimi-'.length) : base);
}
