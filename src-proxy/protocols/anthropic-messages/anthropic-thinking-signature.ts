import type { SignatureFormat } from '../../canonical/index';

/**
 * An Anthropic client can only carry a reasoning signature in `thinking.signature` and replays it
 * verbatim. Signatures that came from another vendor (Gemini thoughtSignature, Responses
 * encrypted_content) are shown to the client with a `<format>#` prefix, so that when the client replays
 * the block we know whose signature it is and never send it to the wrong vendor (docs/protocols.md#reasoning-signatures:
 * signatures carry their origin). Anthropic signatures are base64 and never
 * contain '#', so an unprefixed value is Anthropic's.
 */
const foreignFormats: readonly SignatureFormat[] = ['gemini', 'openai-responses'];

export function encodeClientSignature(signature: string, format: SignatureFormat | undefined): string {
  if (format === undefined || format === 'anthropic') return signature;
  return `${format}#${signature}`;
}

export function decodeClientSignature(value: string): { signature: string; format: SignatureFormat } {
  for (const format of foreignFormats) {
    const prefix = `${format}#`;
    if (value.startsWith(prefix)) return { signature: value.slice(prefix.length), format };
  }
  return { signature: value, format: 'anthropic' };
}
