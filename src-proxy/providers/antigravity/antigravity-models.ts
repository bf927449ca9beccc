/** What Antigravity accounts serve (docs/providers.md#model-lists): CPA's model registry for the `antigravity` channel. */
export const antigravityModels: readonly string[] = [
  'claude-opus-4-6-thinking',
  'claude-sonnet-4-6',
  'gemini-3.6-flash-high',
  'gemini-3.7-flash-high',
  'gemini-3-flash',
  'gemini-3-flash-agent',
  'gemini-3.1-flash-image',
  'gemini-pro-agent',
  'gemini-3.1-pro-low',
  'gpt-oss-120b-medium',
  'gemini-3.1-flash-lite',
  'gemini-3.5-flash-low',
  'gemini-3.5-flash-extra-low',
];
