import type { CanonicalStreamError, CanonicalStreamPart } from '../../canonical/index';
import { SseParser } from '../../sse/sse-parser';
import type { StreamDecoder, StreamEncoder } from '../../sse/stream-codec';
import type { StreamTransform } from '../sse/pipe-committed-stream';
import type { StreamingReply } from './attempt-upstream';

export interface TranslatedStreamStart {
  /** Client-wire text produced up to the first content (what commits the stream), and what came with it. */
  first: string;
  /** Upstream bytes -> client text for the rest of the stream. */
  transform: StreamTransform;
}

export type BootstrapOutcome = { ok: true; stream: TranslatedStreamStart } | { ok: false; error: CanonicalStreamError };

/**
 * Upstream SSE bytes -> canonical parts -> client-wire text. Before committing, it reads until the
 * first part that carries content (or the end): an upstream error event, a reset or a stall before that
 * is an attempt failure the retry loop can still route around, because the client has seen nothing yet.
 */
export async function bootstrapTranslatedStream(upstream: StreamingReply, decoder: StreamDecoder, encoder: StreamEncoder): Promise<BootstrapOutcome> {
  const parser = new SseParser();
  const transform = createTransform(parser, decoder, encoder);
  let pending = parser.push(upstream.first).flatMap((event) => decoder.decode(event));
  let first = '';
  for (;;) {
    for (let index = 0; index < pending.length; index += 1) {
      const part = pending[index] as CanonicalStreamPart;
      if (part.type === 'error') {
        upstream.cancel();
        return { ok: false, error: part.error };
      }
      first += encoder.encode(part);
      if (isCommitting(part)) {
        for (const rest of pending.slice(index + 1)) first += encoder.encode(rest);
        return { ok: true, stream: { first, transform } };
      }
    }
    let chunk: Buffer | null;
    try {
      chunk = await upstream.source.next();
    } catch {
      // Reset or stalled before any content: the client has seen nothing, so another account may serve it.
      return { ok: false, error: { message: 'The upstream connection broke before the answer started.', status: 502 } };
    }
    if (chunk === null) return { ok: true, stream: { first: first + transform.end(), transform: endedTransform } };
    pending = parser.push(chunk).flatMap((event) => decoder.decode(event));
  }
}

function isCommitting(part: CanonicalStreamPart): boolean {
  return part.type !== 'response-start' && part.type !== 'usage' && !part.type.endsWith('-start');
}

/** Synchronous, one call per upstream chunk: no promise or iterator per chunk on the hot path. */
function createTransform(parser: SseParser, decoder: StreamDecoder, encoder: StreamEncoder): StreamTransform {
  return {
    chunk(data) {
      let text = '';
      for (const event of parser.push(data)) for (const part of decoder.decode(event)) text += encoder.encode(part);
      return text;
    },
    end() {
      let text = '';
      for (const event of parser.end()) for (const part of decoder.decode(event)) text += encoder.encode(part);
      for (const part of decoder.flush()) text += encoder.encode(part);
      return text + encoder.flush();
    },
  };
}

/** After an upstream that ended during bootstrap: nothing more to translate. */
const endedTransform: StreamTransform = { chunk: () => '', end: () => '' };
