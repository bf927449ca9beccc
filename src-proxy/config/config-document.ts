import { isNode } from 'yaml';
import type { Document } from 'yaml';
import { writeFileAtomic } from './write-file-atomic';

export type ConfigKeyPath = readonly (string | number)[];

/**
 * Sets one value in a parsed config Document, creating missing parent mappings. Everything else
 * (comments, key order, unknown keys) stays as it was. Example: `setConfigValue(doc, ['routing', 'strategy'], 'fill-first')`.
 */
export function setConfigValue(document: Document, keyPath: ConfigKeyPath, value: unknown): void {
  if (keyPath.length === 0) throw new Error('setConfigValue needs a non-empty key path');
  // Scalars stay raw so an existing scalar node (and its comments) is updated in place; lists and
  // mappings become nodes so they are formatted like the rest of the file.
  const isPlainCollection = value !== null && typeof value === 'object' && !isNode(value);
  document.setIn([...keyPath], isPlainCollection ? document.createNode(value) : value);
}

/** Removes one key or list item; returns false if it was not there. */
export function deleteConfigValue(document: Document, keyPath: ConfigKeyPath): boolean {
  if (keyPath.length === 0) throw new Error('deleteConfigValue needs a non-empty key path');
  return document.deleteIn([...keyPath]);
}

/** Serializes the Document as-is; refuses a Document that has syntax errors. */
export function renderConfigDocument(document: Document): string {
  if (document.errors.length > 0) throw new Error('cannot save a config document that has syntax errors');
  // lineWidth 0: never fold long strings (keys, URLs) onto several lines. No flow padding: `[a, b]`
  // stays as users (and CPA's example file) write it instead of becoming `[ a, b ]`.
  return document.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** Writes the Document atomically with mode 0600 (the file holds keys). */
export async function saveConfigDocument(path: string, document: Document): Promise<void> {
  await writeFileAtomic(path, renderConfigDocument(document), 0o600);
}
