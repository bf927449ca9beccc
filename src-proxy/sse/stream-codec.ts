import type { CanonicalStreamPart } from '../canonical/index';
import type { SseEvent } from './sse-event';

/**
 * Stream translators are explicit state machines rather than WHATWG TransformStreams: one call per
 * event, returning what to emit. That keeps them pure (no I/O), trivially testable, and cheap on the hot
 * path. `flush` is called once at the end of the upstream stream.
 */
export interface StreamDecoder {
  /** One upstream SSE event -> the canonical parts it completes. */
  decode(event: SseEvent): CanonicalStreamPart[];
  /** Upstream ended: close open blocks, emit `finish` if the upstream never did. */
  flush(): CanonicalStreamPart[];
}

export interface StreamEncoder {
  /** One canonical part -> the client-wire text to write (complete SSE events, or '' for nothing). */
  encode(part: CanonicalStreamPart): string;
  /** After the last part: trailers such as `data: [DONE]`. */
  flush(): string;
}
