/**
 * Splits a requested model into the routing name and the thinking suffix (spec 2.3): `gpt-5(high)` routes
 * as `gpt-5`, and the `(high)` suffix travels on to the upstream name.
 */
export interface ParsedModelName {
  base: string;
  suffix: string;
}

export function parseModelName(requested: string): ParsedModelName {
  const trimmed = requested.trim();
  const open = trimmed.lastIndexOf('(');
  if (open > 0 && trimmed.endsWith(')')) {
    return { base: trimmed.slice(0, open), suffix: trimmed.slice(open) };
  }
  return { base: trimmed, suffix: '' };
}
