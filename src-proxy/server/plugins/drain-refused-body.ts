import type { FastifyInstance, FastifyRequest } from 'fastify';

/** How much of a refused body is still read and thrown away, and for how long, before the socket is cut. */
export interface DrainLimits {
  bytes: number;
  milliseconds: number;
}

/**
 * Defaults: four body limits (at least 64 MiB) within 30 s. Reading and discarding costs bandwidth only,
 * never memory; nginx lingers 30 s the same way (`lingering_time`, https://nginx.org/en/docs/http/ngx_http_core_module.html#lingering_time).
 */
export function defaultDrainLimits(bodyLimitBytes: number): DrainLimits {
  return { bytes: Math.max(4 * bodyLimitBytes, 64 * 1024 * 1024), milliseconds: 30_000 };
}

/**
 * Lets a client read an answer sent before its body was read, such as the 413 for a body over
 * `body-limit-mb`. Fastify answers those with `Connection: close` and Node then destroys the socket while
 * the client is still sending: its next write fails with EPIPE/ECONNRESET and the kernel drops the unread
 * 413, so the user sees a network error (clients that read only after sending, such as Python's httpx,
 * always do). Instead the rest of the body is read and discarded, bounded by `limits`, and the connection
 * stays usable; a body past the bound is cut as before.
 */
export function registerRefusedBodyDrain(app: FastifyInstance, limits: () => DrainLimits): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    if (!request.raw.complete && !request.raw.destroyed && reply.statusCode >= 400) {
      const bound = limits();
      if (remainingBytes(request) <= bound.bytes) {
        reply.removeHeader('connection');
        drainBody(request, bound);
      }
    }
    done(null, payload);
  });
}

/** Bytes still to come when the length is declared; 0 for a chunked body (bounded while it is read). */
function remainingBytes(request: FastifyRequest): number {
  const declared = Number(request.headers['content-length']);
  return Number.isFinite(declared) ? Math.max(0, declared - request.raw.socket.bytesRead) : 0;
}

function drainBody(request: FastifyRequest, bound: DrainLimits): void {
  const incoming = request.raw;
  let read = 0;
  const cut = () => {
    incoming.removeListener('data', discard);
    incoming.socket.destroy();
  };
  const timer = setTimeout(cut, bound.milliseconds);
  timer.unref();
  const discard = (chunk: Buffer) => {
    read += chunk.length;
    if (read > bound.bytes) {
      clearTimeout(timer);
      cut();
    }
  };
  // A 'data' listener marks the request as consumed, so Node reads on instead of dumping it unbounded.
  incoming.on('data', discard);
  incoming.once('end', () => clearTimeout(timer));
  incoming.once('close', () => clearTimeout(timer));
  incoming.resume();
}
