/**
 * A client that sends a whole request before it reads anything, as Python's httpx (the openai and
 * anthropic SDKs) does: raw socket, so an early close of the engine shows up as the EPIPE/ECONNRESET the
 * user would see, never hidden by a client library that reads while it sends.
 */
import { connect } from 'node:net';

export interface RawAnswer {
  /** The socket error the client got while sending or reading, if any. */
  error?: string;
  status?: number;
  headers: Record<string, string>;
  body: string;
  elapsedMs: number;
}

export interface RawRequest {
  port: number;
  path: string;
  headers: Record<string, string>;
  /** Body size in bytes (JSON-ish padding); sent with Content-Length, or chunked when `chunked`. */
  size: number;
  chunked?: boolean;
}

const piece = Buffer.alloc(64 * 1024, 0x20);

export function sendRawRequest(request: RawRequest): Promise<RawAnswer> {
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = connect(request.port, '127.0.0.1');
    const received: Buffer[] = [];
    let error: string | undefined;
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('error', (failure: NodeJS.ErrnoException) => {
      error ??= failure.code ?? failure.message;
    });
    socket.on('close', () => resolve({ ...parseResponse(Buffer.concat(received).toString('utf8')), ...(error ? { error } : {}), elapsedMs: Date.now() - started }));
    const framing = request.chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${request.size}`;
    const head = Object.entries(request.headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
    socket.write(`POST ${request.path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${head}${framing}\r\n\r\n`);
    let sent = 0;
    const pump = (): void => {
      while (sent < request.size && !socket.destroyed) {
        const size = Math.min(piece.length, request.size - sent);
        const chunk = request.chunked ? Buffer.concat([Buffer.from(`${size.toString(16)}\r\n`), piece.subarray(0, size), Buffer.from('\r\n')]) : piece.subarray(0, size);
        sent += size;
        if (!socket.write(chunk)) {
          socket.once('drain', pump);
          return;
        }
      }
      // Sent in full: now read the answer, then close our side as a one-shot client does.
      if (request.chunked) socket.write('0\r\n\r\n');
      setTimeout(() => socket.end(), 200);
    };
    pump();
  });
}

function parseResponse(text: string): Omit<RawAnswer, 'elapsedMs' | 'error'> {
  const split = text.indexOf('\r\n\r\n');
  if (split < 0) return { headers: {}, body: '' };
  const [statusLine = '', ...lines] = text.slice(0, split).split('\r\n');
  const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1]);
  const length = Number(headers['content-length']);
  const rest = text.slice(split + 4);
  return { status, headers, body: Number.isFinite(length) ? rest.slice(0, length) : rest };
}
