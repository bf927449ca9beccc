/**
 * The dot-path syntax of CLIProxyAPI's payload rules (docs/config.md#payload-rules, gjson/sjson style): `a.b.c`, numeric
 * segments index arrays (`tools.0.type`), `\.` escapes a literal dot. Operates on parsed JSON in place.
 */
export type JsonContainer = Record<string, unknown> | unknown[];

export function splitJsonPath(path: string): string[] {
  const segments: string[] = [];
  let current = '';
  for (let index = 0; index < path.length; index += 1) {
    const char = path[index];
    if (char === '\\' && path[index + 1] === '.') {
      current += '.';
      index += 1;
    } else if (char === '.') {
      segments.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  segments.push(current);
  return segments;
}

function isContainer(value: unknown): value is JsonContainer {
  return typeof value === 'object' && value !== null;
}

function child(container: JsonContainer, segment: string): unknown {
  if (Array.isArray(container)) return /^\d+$/.test(segment) ? container[Number(segment)] : undefined;
  return Object.prototype.hasOwnProperty.call(container, segment) ? container[segment] : undefined;
}

export function getJsonPath(root: unknown, path: string): unknown {
  return walk(root, splitJsonPath(path));
}

function walk(root: unknown, segments: readonly string[]): unknown {
  let current: unknown = root;
  for (const segment of segments) {
    if (!isContainer(current)) return undefined;
    current = child(current, segment);
  }
  return current;
}

/** True when the path exists and is not null (the meaning of CPA's `exist` matcher). */
export function hasJsonPath(root: unknown, path: string): boolean {
  const value = getJsonPath(root, path);
  return value !== undefined && value !== null;
}

const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

/** Sets a value, creating objects (or arrays for numeric segments) along the way. */
export function setJsonPath(root: JsonContainer, path: string, value: unknown): boolean {
  const segments = splitJsonPath(path);
  if (segments.some((segment) => forbiddenKeys.has(segment))) return false;
  let current: JsonContainer = root;
  for (let index = 0; index < segments.length - 1; index += 1) {
    const segment = segments[index] ?? '';
    let next = child(current, segment);
    if (!isContainer(next)) {
      next = /^\d+$/.test(segments[index + 1] ?? '') ? [] : {};
      if (!assign(current, segment, next)) return false;
    }
    current = next as JsonContainer;
  }
  return assign(current, segments[segments.length - 1] ?? '', value);
}

export function deleteJsonPath(root: JsonContainer, path: string): void {
  const segments = splitJsonPath(path);
  const last = segments.pop() ?? '';
  const parent = walk(root, segments);
  if (!isContainer(parent)) return;
  if (Array.isArray(parent)) {
    if (/^\d+$/.test(last) && Number(last) < parent.length) parent.splice(Number(last), 1);
  } else {
    delete parent[last];
  }
}

function assign(container: JsonContainer, segment: string, value: unknown): boolean {
  if (Array.isArray(container)) {
    if (!/^\d+$/.test(segment)) return false;
    container[Number(segment)] = value;
    return true;
  }
  container[segment] = value;
  return true;
}
