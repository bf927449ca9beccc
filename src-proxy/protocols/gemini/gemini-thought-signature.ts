import type { SignatureFormat } from '../../canonical/index';

/**
 * Gemini thought signatures (https://ai.google.dev/gemini-api/docs/thought-signatures).
 *
 * Upstream side: Gemini 3 rejects a replayed functionCall (the first of a step) without its signature.
 * When the canonical history has no Gemini signature for a part (it came from another vendor or a client
 * that dropped it), we send the documented bypass value instead (docs/protocols.md#reasoning-signatures).
 *
 * Client side: a Gemini client keeps `thoughtSignature` strings opaque and replays them, so a signature
 * of another vendor (e.g. an Anthropic thinking signature needed by a Claude upstream on the next turn)
 * travels inside one: base64 of `cliproxy-sig:v1:<format>:<r|s>:<signature>` (`r` = redacted reasoning).
 * It is valid base64 (the Python SDK decodes the field as bytes) and cannot collide with a real Gemini
 * signature in practice.
 */
export const SKIP_THOUGHT_SIGNATURE = 'skip_thought_signature_validator';

const carrierPrefix = 'cliproxy-sig:v1:';
/** base64('cliproxy-sig'): 12 bytes, so every carrier starts with these 16 characters. */
const carrierBase64Prefix = Buffer.from('cliproxy-sig').toString('base64');
const foreignFormats = new Set<SignatureFormat>(['anthropic', 'openai-responses']);

export interface DecodedSignature {
  signature: string;
  format: SignatureFormat;
  /** The carrier held an encrypted-only (redacted) reasoning block. */
  redacted?: boolean;
}

/** The thoughtSignature to show a Gemini client: Gemini signatures as they are, others in a carrier. */
export function clientThoughtSignature(signature: string, format: SignatureFormat | undefined, redacted = false): string {
  if (format === undefined || format === 'gemini') return signature;
  return Buffer.from(`${carrierPrefix}${format}:${redacted ? 'r' : 's'}:${signature}`, 'utf8').toString('base64');
}

/** A thoughtSignature received from a Gemini client; undefined for the bypass sentinel or empty values. */
export function decodeClientThoughtSignature(value: string | null | undefined): DecodedSignature | undefined {
  if (!value || value === SKIP_THOUGHT_SIGNATURE) return undefined;
  if (value.startsWith(carrierBase64Prefix)) {
    const text = Buffer.from(value, 'base64').toString('utf8');
    const match = /^cliproxy-sig:v1:([a-z-]+):([rs]):([\s\S]+)$/.exec(text);
    const format = match?.[1] as SignatureFormat | undefined;
    const signature = match?.[3];
    if (format && signature && foreignFormats.has(format)) return { signature, format, ...(match?.[2] === 'r' ? { redacted: true } : {}) };
  }
  return { signature: value, format: 'gemini' };
}

/** A thoughtSignature from a Gemini upstream: always Gemini's own (the sentinel never comes back). */
export function decodeUpstreamThoughtSignature(value: string | null | undefined): DecodedSignature | undefined {
  if (!value || value === SKIP_THOUGHT_SIGNATURE) return undefined;
  return { signature: value, format: 'gemini' };
}
