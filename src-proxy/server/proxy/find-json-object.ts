/**
 * Byte-level helpers that lift one small JSON object (a usage report) out of a larger JSON text without
 * parsing the rest. A quoted key such as `"usage"` can only appear in JSON text as a key: inside a string
 * value its quotes would be escaped.
 */

const quote = 0x22;
const backslash = 0x5c;
const openBrace = 0x7b;
const closeBrace = 0x7d;
const colon = 0x3a;

/**
 * A quoted key to search for in bytes. Buffer#indexOf with a Buffer needle costs a native call of a few
 * hundred ns per chunk; a single-byte indexOf is an order of magnitude cheaper, so the search jumps
 * between occurrences of one byte of the key that is rare in stream text (`pivot`) and compares the rest.
 */
export interface KeyPattern {
  bytes: Buffer;
  /** Index in `bytes` of the rare byte (never the opening quote). */
  pivot: number;
}

export function keyPattern(quotedKey: string, rareLetter: string): KeyPattern {
  const pivot = quotedKey.indexOf(rareLetter, 1);
  if (pivot < 1) throw new Error(`'${rareLetter}' is not a letter of ${quotedKey}`);
  return { bytes: Buffer.from(quotedKey), pivot };
}

/** Index of the next whole occurrence of the key at or after `from`, or -1. */
export function indexOfKey(bytes: Buffer, key: KeyPattern, from: number): number {
  const rare = key.bytes[key.pivot] as number;
  for (let at = bytes.indexOf(rare, from + key.pivot); at !== -1; at = bytes.indexOf(rare, at + 1)) {
    const start = at - key.pivot;
    if (start + key.bytes.length > bytes.length) return -1;
    if (matchesAt(bytes, key.bytes, start)) return start;
  }
  return -1;
}

function matchesAt(bytes: Buffer, key: Buffer, start: number): boolean {
  for (let index = 0; index < key.length; index += 1) if (bytes[start + index] !== key[index]) return false;
  return true;
}

/** `objectValueStart` ran out of bytes before it could tell. */
export const undecided = -2;

/**
 * After a key that ends at `from`: the index of the '{' its value starts with, -1 when the value is not
 * an object (`null`, a number...), or `undecided` when `bytes` ends first.
 */
export function objectValueStart(bytes: Buffer, from: number): number {
  let index = skipWhitespace(bytes, from);
  if (index >= bytes.length) return undecided;
  if (bytes[index] !== colon) return -1;
  index = skipWhitespace(bytes, index + 1);
  if (index >= bytes.length) return undecided;
  return bytes[index] === openBrace ? index : -1;
}

/** Index just past the object that starts at `start` (a '{'), or -1 when it does not end within `bytes`. */
export function jsonObjectEnd(bytes: Buffer, start: number): number {
  let depth = 0;
  let inString = false;
  for (let index = start; index < bytes.length; index += 1) {
    const byte = bytes[index];
    if (inString) {
      if (byte === backslash) index += 1;
      else if (byte === quote) inString = false;
    } else if (byte === quote) {
      inString = true;
    } else if (byte === openBrace) {
      depth += 1;
    } else if (byte === closeBrace) {
      depth -= 1;
      if (depth === 0) return index + 1;
    }
  }
  return -1;
}

/** The object value of the key found at `keyAt` in a complete JSON text, parsed; undefined when there is none. */
export function objectAfterKey(bytes: Buffer, keyAt: number, key: KeyPattern): unknown {
  const start = objectValueStart(bytes, keyAt + key.bytes.length);
  if (start < 0) return undefined;
  const end = jsonObjectEnd(bytes, start);
  return end === -1 ? undefined : parseJson(bytes.toString('utf8', start, end));
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Length of the start of `key` that `bytes` ends with (a key cut by a chunk boundary), else 0. `key` is
 * a quoted name, so such a start holds exactly one quote, its first byte: only the last quote can begin
 * it. A chunk that ends a line (as SSE events do) cannot end inside a key.
 */
export function trailingKeyPrefix(bytes: Buffer, key: KeyPattern): number {
  if (bytes.length === 0 || bytes[bytes.length - 1] === 0x0a) return 0;
  const quoteAt = bytes.lastIndexOf(quote);
  const length = bytes.length - quoteAt;
  if (quoteAt === -1 || length >= key.bytes.length) return 0;
  return bytes.compare(key.bytes, 0, length, quoteAt) === 0 ? length : 0;
}

function skipWhitespace(bytes: Buffer, from: number): number {
  let index = from;
  while (index < bytes.length && (bytes[index] === 0x20 || bytes[index] === 0x0a || bytes[index] === 0x0d || bytes[index] === 0x09)) index += 1;
  return index;
}
