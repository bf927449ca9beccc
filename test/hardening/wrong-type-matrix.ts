/**
 * The generated wrong-type matrix: every field path of a valid body, each replaced by every JSON type it
 * does not already have. Pure functions; hostile-input.test.ts sends the variants.
 */

export type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object';

const samples: Record<JsonType, unknown> = { string: 'wrong', number: 7, boolean: true, null: null, array: [], object: {} };

export function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return type;
  return 'object';
}

export type FieldPath = ReadonlyArray<string | number>;

/** Every path below the root, parents before children, e.g. ['messages'], ['messages', 0], ['messages', 0, 'role']. */
export function fieldPaths(value: unknown, prefix: FieldPath = []): FieldPath[] {
  const children: Array<[string | number, unknown]> = Array.isArray(value)
    ? value.map((item, index) => [index, item])
    : value !== null && typeof value === 'object'
      ? Object.entries(value)
      : [];
  return children.flatMap(([key, child]) => [[...prefix, key], ...fieldPaths(child, [...prefix, key])]);
}

export function valueAt(root: unknown, path: FieldPath): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], root);
}

/** A deep copy of `root` with the value at `path` replaced. */
export function withValueAt(root: unknown, path: FieldPath, replacement: unknown): unknown {
  const copy = structuredClone(root);
  const parent = valueAt(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path.at(-1) as string | number] = replacement;
  return copy;
}

export interface WrongTypeCase {
  /** e.g. 'messages[0].role <- number' */
  label: string;
  path: FieldPath;
  type: JsonType;
  body: unknown;
}

export function pathLabel(path: FieldPath): string {
  return path.map((key, index) => (typeof key === 'number' ? `[${key}]` : index === 0 ? key : `.${key}`)).join('');
}

export function wrongTypeCases(validBody: unknown): WrongTypeCase[] {
  return fieldPaths(validBody).flatMap((path) => {
    const actual = jsonTypeOf(valueAt(validBody, path));
    return (Object.keys(samples) as JsonType[])
      .filter((type) => type !== actual)
      .map((type) => ({ label: `${pathLabel(path)} <- ${type}`, path, type, body: withValueAt(validBody, path, samples[type]) }));
  });
}
