import { isRecord } from '../../auth-store/auth-record';

export type FieldsPatchResult = { ok: true; data: Record<string, unknown> } | { ok: false; error: string };

/**
 * Fields `PATCH /auth-files/fields` must not touch: the provider type, the credentials themselves (a new
 * login replaces those) and `disabled` (the status route owns it).
 */
const protectedFields = new Set(['type', 'disabled', 'access_token', 'refresh_token', 'id_token', 'api_key', 'token', 'cookie', 'expired', 'expiry']);

/** Keys that would reach an object's prototype instead of a field. */
const unsafeKeys = new Set(['__proto__', 'constructor', 'prototype']);

type Check = (value: unknown) => boolean;
const isString: Check = (value) => typeof value === 'string';
const isInteger: Check = (value) => Number.isInteger(value);
const isBoolean: Check = (value) => typeof value === 'boolean';
const isStringMap: Check = (value) => isRecord(value) && Object.values(value).every((item) => typeof item === 'string');
const isStringList: Check = (value) => Array.isArray(value) && value.every((item) => typeof item === 'string');

/** Fields CPA reads for routing (docs/providers.md#auth-files) and the type each must have; null always clears a field. */
const fieldTypes: Readonly<Record<string, { check: Check; expected: string }>> = {
  prefix: { check: isString, expected: 'a string' },
  proxy_url: { check: isString, expected: 'a string' },
  note: { check: isString, expected: 'a string' },
  base_url: { check: isString, expected: 'a string' },
  priority: { check: isInteger, expected: 'an integer' },
  weight: { check: isInteger, expected: 'an integer' },
  request_retry: { check: isInteger, expected: 'an integer' },
  disable_cooling: { check: isBoolean, expected: 'a boolean' },
  websockets: { check: isBoolean, expected: 'a boolean' },
  headers: { check: isStringMap, expected: 'an object of strings' },
  excluded_models: { check: isStringList, expected: 'a list of strings' },
  model_aliases: { check: Array.isArray, expected: 'a list' },
};

/**
 * Applies `{field or dotted.path: value}` to an auth file's data (CPA HEAD's PATCH /auth-files/fields):
 * the root of each path in kebab-case is normalised to snake_case, `null` removes the field, nested paths
 * create objects on the way. Known routing fields are type-checked; nothing is applied on any error.
 */
export function applyAuthFileFields(data: Readonly<Record<string, unknown>>, patch: Readonly<Record<string, unknown>>): FieldsPatchResult {
  const next = structuredClone(data) as Record<string, unknown>;
  let changed = false;
  for (const [rawPath, value] of Object.entries(patch)) {
    const parts = rawPath.split('.').map((part) => part.trim());
    const root = (parts[0] ?? '').replaceAll('-', '_');
    if (root === '' || parts.some((part) => part === '')) return { ok: false, error: 'field name is required' };
    if (parts.some((part) => unsafeKeys.has(part))) return { ok: false, error: `invalid field ${rawPath}` };
    if (protectedFields.has(root)) return { ok: false, error: `field ${root} cannot be changed here` };
    const rule = Object.hasOwn(fieldTypes, root) ? fieldTypes[root] : undefined;
    if (rule && parts.length > 1) return { ok: false, error: `${root} does not support nested fields` };
    if (rule && value !== null && !rule.check(value)) return { ok: false, error: `${root} must be ${rule.expected} or null` };
    // request_retry: a negative value means "inherit", as CPA stores it: removed.
    const clears = value === null || (root === 'request_retry' && typeof value === 'number' && value < 0);
    setPath(next, [root, ...parts.slice(1)], clears ? undefined : value);
    changed = true;
  }
  return changed ? { ok: true, data: next } : { ok: false, error: 'no fields to update' };
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  const [key, ...rest] = path;
  if (key === undefined) return;
  if (rest.length === 0) {
    if (value === undefined) delete target[key];
    else target[key] = value;
    return;
  }
  const child = target[key];
  const object = isRecord(child) ? child : {};
  target[key] = object;
  setPath(object, rest, value);
}
