import type { CanonicalStreamPart, CanonicalStreamError } from '../../canonical/index';
import { SseParser } from '../../sse/sse-parser';
import type { StreamDecoder, StreamEncoder } from '../../sse/stream-codec';
import type { StreamingReply } from './attempt-upstream';

export interface TranslatedStreamStart {
  /** Client-wire text produced up to and including the first content (what commits the stream). */
  first: string;
  rest: AsyncIterator<string>;
  cancel(): void;
}

export type BootstrapOutcome = { ok: true; stream: TranslatedStreamStart } | { ok: false; error: CanonicalStreamError };

/**
 * Upstream SSE bytes -> canonical parts -> client-wire text. Before committing, it reads until the
 * first part that carries content (or the end): an upstream error event before that is an attempt
 * failure the retry loop can still route around, because the client has seen nothing yet.
 */
export async function bootstrapTranslatedStream(upstream: StreamingReply, decoder: StreamDecoder, encoder: StreamEncoder): Promise<BootstrapOutcome> {
  const parser = new SseParser();
  let pending = parser.push(upstream.first).flatMap((event) => decoder.decode(event));
  let first = '';
  let upstreamDone = false;
  for (;;) {
    for (let index = 0; index < pending.length; index += 1) {
      const part = pending[index] as CanonicalStreamPart;
      if (part.type === 'error') {
        upstream.cancel();
        return { ok: false, error: part.error };
      }
      first += encoder.encode(part);
      if (isCommitting(part)) {
        const rest = remainingText(upstream, parser, decoder, encoder, pending.slice(index + 1));
        return { ok: true, stream: { first, rest, cancel: upstream.cancel } };
      }
    }
    if (upstreamDone) {
      return { ok: true, stream: { first: first + encoder.flush(), rest: emptyIterator(), cancel: upstream.cancel } };
    }
    const next = await upstream.rest.next();
    if (next.done) {
      pending = [...parser.end().flatMap((event) => decoder.decode(event)), ...decoder.flush()];
      upstreamDone = true;
    } else {
      pending = parser.push(next.value).flatMap((event) => decoder.decode(event));
    }
  }
}

function isCommitting(part: CanonicalStreamPart): boolean {
  return part.type !== 'response-start' && part.type !== 'usage' && !part.type.endsWith('-start');
}

async function* remainingText(
  upstream: StreamingReply,
  parser: SseParser,
  decoder: StreamDecoder,
  encoder: StreamEncoder,
  leftover: CanonicalStreamPart[],
): AsyncGenerator<string> {
  let text = leftover.map((part) => encoder.encode(part)).join('');
  if (text) yield text;
  for (;;) {
    const next = await upstream.rest.next();
    if (next.done) break;
    text = '';
    for (const event of parser.push(next.value)) for (const part of decoder.decode(event)) text += encoder.encode(part);
    if (text) yield text;
  }
  text = '';
  for (const event of parser.end()) for (const part of decoder.decode(event)) text += encoder.encode(part);
  for (const part of decoder.flush()) text += encoder.encode(part);
  text += encoder.flush();
  if (text) yield text;
}

async function* emptyIterator(): AsyncGenerator<string> {
  // nothing left: the upstream ended during bootstrap
}
