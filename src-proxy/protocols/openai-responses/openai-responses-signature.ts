import type { SignatureFormat } from '../../canonical/index';

/**
 * Reasoning signatures ride in a Responses `reasoning` item's `encrypted_content`. A native one (an
 * OpenAI/Codex encrypted blob) is passed as is. A foreign one (an Anthropic thinking signature, a Gemini
 * thoughtSignature) is tagged with a prefix, so that when a Responses client (Codex CLI) replays its
 * history we know whose it is and can give it back to that vendor only. Native blobs are base64 text
 * (they never contain '#'), so the prefixes cannot collide with them.
 */
const ANTHROPIC = 'claude#';
const ANTHROPIC_REDACTED = 'claude-redacted#';
const GEMINI = 'gemini#';

export interface DecodedSignature {
  signature: string;
  signatureFormat: SignatureFormat;
  /** Anthropic redacted thinking: the signature is the encrypted thinking itself. */
  redacted?: boolean;
}

/** `encrypted_content` for a client-facing reasoning item. Unknown format: passed unchanged. */
export function encodeEncryptedContent(signature: string, format: SignatureFormat | undefined, redacted?: boolean): string {
  switch (format) {
    case 'anthropic':
      return (redacted ? ANTHROPIC_REDACTED : ANTHROPIC) + signature;
    case 'gemini':
      return GEMINI + signature;
    case 'openai-responses':
    case undefined:
      return signature;
    default: {
      const unknownFormat: never = format;
      return unknownFormat;
    }
  }
}

/** The inverse of encodeEncryptedContent. */
export function decodeEncryptedContent(value: string): DecodedSignature {
  if (value.startsWith(ANTHROPIC_REDACTED)) return { signature: value.slice(ANTHROPIC_REDACTED.length), signatureFormat: 'anthropic', redacted: true };
  if (value.startsWith(ANTHROPIC)) return { signature: value.slice(ANTHROPIC.length), signatureFormat: 'anthropic' };
  if (value.startsWith(GEMINI)) return { signature: value.slice(GEMINI.length), signatureFormat: 'gemini' };
  return { signature: value, signatureFormat: 'openai-responses' };
}
