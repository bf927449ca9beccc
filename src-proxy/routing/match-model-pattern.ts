/**
 * Case-insensitive wildcard match used by `excluded-models` and payload rules (docs/config.md#credential-entries): `*` matches
 * any run of characters, several `*` are matched in order, a lone `*` matches everything.
 */
export function matchModelPattern(pattern: string, modelId: string): boolean {
  const parts = pattern.toLowerCase().split('*');
  const subject = modelId.toLowerCase();
  if (parts.length === 1) return subject === parts[0];
  const first = parts[0] ?? '';
  const last = parts[parts.length - 1] ?? '';
  if (!subject.startsWith(first) || subject.length < first.length + last.length) return false;
  let position = first.length;
  for (let index = 1; index < parts.length - 1; index += 1) {
    const part = parts[index] ?? '';
    const found = subject.indexOf(part, position);
    if (found === -1) return false;
    position = found + part.length;
  }
  return subject.length - last.length >= position && subject.endsWith(last);
}

export function isModelExcluded(patterns: readonly string[], modelId: string): boolean {
  return patterns.some((pattern) => matchModelPattern(pattern, modelId));
}
