import type { IncomingHttpHeaders } from 'node:http';
import type { UpstreamExchange } from './dispatch-upstream';

/** What one successful upstream attempt produced: a whole body or a stream with its first chunk read. */
export interface BufferedReply {
  kind: 'buffered';
  status: number;
  contentType: string;
  /** As received, for the request log (replies built elsewhere, e.g. golden fixtures, have none). */
  headers?: IncomingHttpHeaders;
  body: Buffer;
}

export interface StreamingReply {
  kind: 'streaming';
  status: number;
  contentType: string;
  headers?: IncomingHttpHeaders;
  /** The first non-empty chunk: reading it is what commits the attempt (status before commit). */
  first: Buffer;
  /** The rest of the body: pulled chunk by chunk while bootstrapping, then piped. */
  source: UpstreamExchange;
  /** Stops the upstream body (used when the client leaves). */
  cancel(): void;
}

export type UpstreamReply = BufferedReply | StreamingReply;
