import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';

/**
 * UTF-8 bytes -> text, chunk by chunk, with exactly the result of `new TextDecoder('utf-8')` used with
 * `{ stream: true }` (WHATWG Encoding: a leading byte order mark dropped, a character split between
 * chunks joined, invalid bytes replaced by U+FFFD). A streaming TextDecoder costs several times a
 * plain `Buffer#toString` per chunk; upstream chunks are almost always whole, valid UTF-8, so those
 * take `toString`, and a stream switches to a TextDecoder for good at its first chunk that is not
 * (a character cut at the end, an invalid byte).
 */
export class Utf8StreamDecoder {
  /** Set once a chunk was not whole valid UTF-8: it holds the bytes of a cut character from then on. */
  private decoder: TextDecoder | undefined;
  private started = false;

  decode(chunk: Uint8Array): string {
    if (this.decoder === undefined && isUtf8(chunk)) return this.text((chunk instanceof Buffer ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)).toString('utf8'));
    // The byte order mark is dropped below, once, whichever way the first text came.
    this.decoder ??= new TextDecoder('utf-8', { ignoreBOM: true });
    return this.text(this.decoder.decode(chunk, { stream: true }));
  }

  /** End of the stream: a character still cut becomes U+FFFD. */
  end(): string {
    return this.decoder === undefined ? '' : this.text(this.decoder.decode());
  }

  private text(decoded: string): string {
    if (this.started || decoded === '') return decoded;
    this.started = true;
    return decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
  }
}
