import { isCollection, isMap, isScalar, isSeq, type Document } from 'yaml';
import { setConfigValue } from '../../config/config-document';

/** The items of the list at `section` as plain data; [] when the key is absent or not a list. */
export function readList(document: Document, section: string): unknown[] {
  const node: unknown = document.get(section, true);
  if (!isSeq(node)) return [];
  return node.toJS(document) as unknown[];
}

/** Appends to the list at `section`, creating the list when the key is absent or empty. */
export function appendItem(document: Document, section: string, value: unknown): void {
  const node: unknown = document.get(section, true);
  if (isSeq(node)) node.add(document.createNode(value));
  else setConfigValue(document, [section], [value]);
}

/** Removes the items at `indexes` (any order) from the list at `section`. */
export function deleteItems(document: Document, section: string, indexes: readonly number[]): void {
  for (const index of [...indexes].sort((left, right) => right - left)) document.deleteIn([section, index]);
}

/** The key of `section`'s mapping that equals `key` case-insensitively (channel names), or null. */
export function findMapKey(document: Document, section: string, key: string): string | null {
  const node: unknown = document.get(section, true);
  if (!isMap(node)) return null;
  for (const pair of node.items) {
    const name: unknown = isScalar(pair.key) ? pair.key.value : pair.key;
    if (typeof name === 'string' && name.trim().toLowerCase() === key) return name;
  }
  return null;
}

/** Sets `section.key`, turning an absent or empty (`section:` with no value) section into a mapping first. */
export function setMapEntry(document: Document, section: string, key: string, value: unknown): void {
  if (!isCollection(document.get(section, true))) setConfigValue(document, [section], {});
  setConfigValue(document, [section, key], value);
}
