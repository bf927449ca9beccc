import type { Document } from 'yaml';
import { deleteConfigValue, setConfigValue } from './config-document';
import { SHARED_CONFIG_KEYS } from './shared-config-keys';

/**
 * The shared part of one config document: every shared key (shared-config-keys.ts) with its value as plain
 * JSON data, null where the file does not set it (`key:` with no value counts as not set).
 */
export type SharedConfigPart = Map<string, unknown>;

export function readSharedConfigPart(document: Document): SharedConfigPart {
  const data: unknown = document.toJS();
  const values = data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  return new Map(SHARED_CONFIG_KEYS.map((key) => [key, values[key] ?? null]));
}

/**
 * Writes `values` into the document (null removes the key). Only keys whose value differs are touched, so
 * the comments, order and formatting of everything else, per-engine keys included, stay as they were.
 */
export function writeSharedConfigValues(document: Document, values: ReadonlyMap<string, unknown>): void {
  const current = readSharedConfigPart(document);
  for (const [key, value] of values) {
    if (sameConfigValue(current.get(key) ?? null, value)) continue;
    if (value === null) deleteConfigValue(document, [key]);
    else setConfigValue(document, [key], value);
  }
}

/** Equal as JSON data (the form values travel in between engines). */
export function sameConfigValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
