import type { ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { controlEvents, type ControlApi, type ControlEvent } from '../../src-shared/control-contract';

const KEEPALIVE_MS = 15_000;

/** Open SSE responses, so a closing server can end them instead of waiting on them forever. */
export type OpenStreams = Set<ServerResponse>;

/**
 * GET /v0/management/control/events: every ControlEvent as `event: <name>` + JSON `data:`.
 * A `status.changed` with the current status is sent first, so a (re)connecting client is never stale.
 * Reads via fetch() (EventSource cannot send the management key header).
 */
export async function streamControlEvents(
  control: ControlApi,
  openStreams: OpenStreams,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-content-type-options': 'nosniff',
  });
  openStreams.add(raw);
  const unsubscribers = controlEvents.map((event) =>
    control.on(event, (payload) => writeEvent(raw, event, payload)),
  );
  const keepalive = setInterval(() => raw.write(': keepalive\n\n'), KEEPALIVE_MS);
  keepalive.unref();
  const cleanup = (): void => {
    clearInterval(keepalive);
    for (const unsubscribe of unsubscribers) unsubscribe();
    openStreams.delete(raw);
  };
  request.raw.once('close', cleanup);
  raw.once('close', cleanup);
  try {
    writeEvent(raw, 'status.changed', await control.invoke('status.get', {}));
  } catch {
    // The stream stays useful for later events; the client also asks status.get itself.
  }
}

/** A client that stops reading loses events (it re-reads state on reconnect) rather than growing our memory. */
const MAX_BUFFERED_BYTES = 1_048_576;

function writeEvent(raw: ServerResponse, event: ControlEvent, payload: unknown): void {
  if (raw.writableEnded || raw.destroyed || raw.writableLength > MAX_BUFFERED_BYTES) return;
  raw.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
}

export function endOpenStreams(openStreams: OpenStreams): void {
  for (const raw of openStreams) raw.end();
  openStreams.clear();
}
