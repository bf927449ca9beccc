/**
 * Served by a Vertex service account or a `vertex-api-key` entry without `models` (docs/providers.md#model-lists):
 * CLIProxyAPI's `vertex` catalogue without its Imagen models, which take Vertex's `:predict` method, not served here.
 */
export const vertexModels: readonly string[] = [
  'gemini-2.5-pro',
  'gemini-2.5-flash',
  'gemini-2.5-flash-image',
  'gemini-2.5-flash-lite',
  'gemini-3-pro',
  'gemini-3-flash',
  'gemini-3.1-pro',
  'gemini-3.1-pro-preview',
  'gemini-3.1-flash-image',
  'gemini-3.1-flash-lite',
  'gemini-3-pro-image',
  'gemini-3.5-flash',
  'gemini-3.5-flash-lite',
  'gemini-3.6-flash',
  'gemini-3.7-flash',
];
