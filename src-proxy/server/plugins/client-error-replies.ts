import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { ProxyError } from '../../errors/proxy-error';
import { getClientCodec } from '../../protocols/codec-registry';
import type { ClientCodec } from '../../protocols/wire-codec';

/** How long a refused connection is still read (and discarded) so the client can finish sending and read the answer. */
const lingerMilliseconds = 5_000;

interface ClientErrorLike extends Error {
  code?: string;
  rawPacket?: Buffer;
}

/**
 * Requests Node refuses before routing (headers over `--max-http-header-size`, a malformed request line)
 * are answered in the protocol of the path they were sent to, like every other refusal, instead of
 * fastify's own `{"error","message","statusCode"}` body. The write side is closed first and the socket
 * read for a while, so a client still sending its headers or body reads the answer instead of a reset.
 */
export function registerClientErrorReplies(app: FastifyInstance): void {
  const answered = new WeakSet<Socket>();
  app.server.removeAllListeners('clientError');
  app.server.on('clientError', (error: ClientErrorLike, socket: Socket) => {
    // Node calls back once per chunk while the parser stays in error: answer once, ignore the rest.
    if (answered.has(socket)) return;
    answered.add(socket);
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    if (socket.writable) socket.write(rawErrorResponse(error));
    socket.end();
    setTimeout(() => socket.destroy(), lingerMilliseconds).unref();
  });
}

function rawErrorResponse(error: ClientErrorLike): string {
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const timedOut = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
  const status = tooLarge ? 431 : timedOut ? 408 : 400;
  const message = tooLarge
    ? 'Request headers are larger than the server accepts (16 KiB by default); send fewer or shorter headers.'
    : timedOut
      ? 'The request was not received in time.'
      : 'The request is not valid HTTP.';
  const rendered = getClientCodec(protocolForPath(requestPath(error.rawPacket))).renderError(new ProxyError({ code: 'PX_INVALID_REQUEST', message, httpStatus: status }));
  const headers = { ...rendered.headers, 'content-length': String(Buffer.byteLength(rendered.body)), connection: 'close' };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  return `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : timedOut ? 'Request Timeout' : 'Bad Request'}\r\n${head}\r\n${rendered.body}`;
}

/** The path of the request line, when the chunk Node failed on starts with it. */
function requestPath(packet: Buffer | undefined): string {
  const line = packet?.subarray(0, 2048).toString('latin1').split('\r\n', 1)[0] ?? '';
  return /^[A-Z]+ (\S+) HTTP\//.exec(line)?.[1] ?? '';
}

/** The client protocol a path belongs to (the routes of `routes/`); OpenAI's format elsewhere. */
export function protocolForPath(path: string): ClientCodec['id'] {
  if (path.startsWith('/v1beta/')) return 'gemini';
  if (path.startsWith('/v1/messages')) return 'anthropic-messages';
  if (path.startsWith('/v1/responses') || path.startsWith('/backend-api/codex/responses')) return 'openai-responses';
  return 'openai-chat';
}
