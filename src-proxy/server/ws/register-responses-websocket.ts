import { ServerResponse, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket, WebSocketServer } from 'ws';
import { ProxyError } from '../../errors/proxy-error';
import { checkClientKey } from '../plugins/client-auth';
import type { ServerDeps } from '../server-deps';
import { serveResponsesWebsocket } from './responses-websocket-session';

interface PendingUpgrade {
  socket: Duplex;
  head: Buffer;
}

/** How long a socket may take to answer our close frame at shutdown before it is cut. */
const closeGraceMs = 1000;

/** The Responses WebSocket, and the ChatGPT backend path Codex CLI uses when its `chatgpt_base_url` points here. */
const websocketPaths = ['/v1/responses', '/backend-api/codex/responses'] as const;

/**
 * `GET /v1/responses` (or `/backend-api/codex/responses`) with `Upgrade: websocket`: the Responses API's WebSocket mode (Codex CLI).
 * Node hands upgrade requests to the 'upgrade' event, not to fastify; they are routed through fastify
 * anyway (with a response bound to the socket), so hooks, the client-key check and error rendering are
 * the HTTP routes' own: a refused upgrade is an ordinary 401 answer, an upgrade to any other path gets
 * that route's answer. Only the route below turns the connection into a WebSocket.
 */
export function registerResponsesWebsocket(app: FastifyInstance, deps: ServerDeps): void {
  const pending = new WeakMap<IncomingMessage, PendingUpgrade>();
  const sockets = new Set<WebSocket>();
  // A message is a request body: the same size limit as HTTP bodies (ws closes the socket with 1009 above it).
  const maxPayload = deps.getRuntime().config.bodyLimitBytes;
  // ws is loaded at the first upgrade, not at start (bench/README.md, "Start time"): most engines never see one.
  let server: Promise<WebSocketServer> | undefined;
  const websocketServer = () => (server ??= import('ws').then(({ WebSocketServer }) => new WebSocketServer({ noServer: true, maxPayload })));

  app.server.on('upgrade', (raw: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    pending.set(raw, { socket, head });
    const response = new ServerResponse(raw);
    response.shouldKeepAlive = false;
    response.assignSocket(socket as Socket);
    // Answered over HTTP instead of upgraded (401, 404, 426...): the connection ends with that answer.
    response.once('finish', () => socket.end());
    app.routing(raw, response);
  });

  for (const path of websocketPaths) {
    app.get(path, { config: { protocol: 'openai-responses' } }, async (request, reply) => {
      const runtime = deps.getRuntime();
      // `ws-auth` (default true): the client key is required exactly as on the HTTP routes.
      if (runtime.config.wsAuth) checkClientKey(request, runtime.apiKeys);
      const upgrade = pending.get(request.raw);
      if (!upgrade || !isWebsocketUpgrade(request)) throw upgradeRequired(path);
      const upgrader = await websocketServer();
      pending.delete(request.raw);
      reply.hijack();
      upgrader.handleUpgrade(request.raw, upgrade.socket, upgrade.head, (socket) => {
        sockets.add(socket);
        socket.once('close', () => sockets.delete(socket));
        serveResponsesWebsocket(socket, request, deps);
      });
    });
  }

  // Upgraded sockets are no longer HTTP connections: close them, or the server would wait for them.
  app.addHook('preClose', (done) => {
    for (const socket of sockets) closeSocket(socket);
    done();
  });
}

function isWebsocketUpgrade(request: FastifyRequest): boolean {
  return request.headers.upgrade?.toLowerCase() === 'websocket';
}

function upgradeRequired(path: string): ProxyError {
  return new ProxyError({
    code: 'PX_INVALID_REQUEST',
    message: `GET ${path} is the Responses WebSocket endpoint: connect with Upgrade: websocket, or POST ${path} over HTTP.`,
    httpStatus: 426,
  });
}

function closeSocket(socket: WebSocket): void {
  socket.close(1001, 'proxy shutting down');
  setTimeout(() => socket.terminate(), closeGraceMs).unref();
}
