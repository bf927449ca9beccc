import type { FastifyRequest } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import type { TranslationWarning } from '../../canonical/index';
import { ProxyError } from '../../errors/proxy-error';
import { toProxyError } from '../../errors/to-proxy-error';
import { getClientCodec } from '../../protocols/codec-registry';
import type { ModelName } from '../../routing/parse-model-name';
import { resolveCandidates } from '../../routing/resolve-candidates';
import { createClientCall, realTranslationContext } from '../proxy/client-call';
import { attemptForward, streamToClient, unknownModelError, type ForwardOrigin } from '../proxy/forward-request';
import { buildRequestFinished, firstLine, requestLogFields, type RequestEnd } from '../proxy/request-finished';
import { readModelField } from '../routes/read-client-body';
import type { ServerDeps } from '../server-deps';
import { prepareTurn, prewarmEvents, TurnRecorder, type PreparedTurn, type TurnMemory } from './responses-websocket-turns';
import { renderWebsocketErrorFrame } from './websocket-error-frame';
import { WebsocketEventSink } from './websocket-event-sink';

const route = '/v1/responses';

/**
 * Serves one upgraded socket: every `{"type":"response.create", ...}` runs like a POST /v1/responses
 * with `stream: true` (routing, retries before the first event, translation to any upstream wire) and
 * its stream events go back one JSON text frame each. One request at a time; errors before a response
 * started are error frames and the socket stays open; closing the socket aborts the request in flight.
 */
export function serveResponsesWebsocket(socket: WebSocket, request: FastifyRequest, deps: ServerDeps): void {
  const session = new ResponsesWebsocketSession(socket, request, deps);
  socket.on('message', (data) => session.receive(rawText(data)));
  socket.on('close', () => session.abort());
  // A protocol violation or an oversized message: ws closes the socket itself and reports it here.
  socket.on('error', (error) => deps.logger.debug({ reqId: request.id, error: error.message }, 'responses websocket closed on a protocol error'));
}

type ClientMessage = { ok: true; type: string; message: Record<string, unknown> } | { ok: false; error: ProxyError };

class ResponsesWebsocketSession {
  private running: AbortController | undefined;
  private memory: TurnMemory | undefined;
  private served = 0;

  constructor(
    private readonly socket: WebSocket,
    private readonly request: FastifyRequest,
    private readonly deps: ServerDeps,
  ) {}

  receive(text: string): void {
    const parsed = parseClientMessage(text);
    if (!parsed.ok) return this.sendError(parsed.error);
    switch (parsed.type) {
      case 'response.create':
        if (this.running) return this.sendError(invalidMessage('A response is already in progress on this connection: send the next response.create after it finished.', 409));
        void this.create(parsed.message);
        return;
      case 'response.processed':
        // Codex CLI's acknowledgement of a response it recorded; nothing is kept for it here.
        return;
      default:
        return this.sendError(invalidMessage(`Unsupported message type '${parsed.type.slice(0, 64)}': this endpoint accepts response.create.`, 400, 'type'));
    }
  }

  abort(): void {
    this.running?.abort();
  }

  private async create(message: Record<string, unknown>): Promise<void> {
    const controller = new AbortController();
    this.running = controller;
    const arrivedAt = performance.now();
    const startedAt = Date.now();
    const origin: ForwardOrigin = { headers: this.request.headers, proxyInfo: null };
    let status = 200;
    try {
      await this.run(prepareTurn(message, this.memory), origin, controller.signal);
      if (controller.signal.aborted) status = 499;
    } catch (error) {
      const proxyError = toProxyError(error);
      if (proxyError.code === 'PX_INTERNAL' && !(error instanceof ProxyError)) {
        this.deps.logger.error({ err: error, reqId: this.request.id }, 'unhandled error while serving a responses websocket request');
      }
      status = controller.signal.aborted ? 499 : proxyError.httpStatus;
      if (!controller.signal.aborted) {
        if (origin.proxyInfo) {
          origin.proxyInfo.error ??= firstLine(proxyError.message);
          origin.proxyInfo.firstByteAt ??= performance.now();
        }
        this.sendError(proxyError);
      }
    } finally {
      this.running = undefined;
      this.logFinished(origin, { id: this.request.id, route, startedAt, arrivedAt, clientProtocol: 'openai-responses', clientKey: this.request.clientKeyLabel, status });
    }
  }

  private async run(turn: PreparedTurn, origin: ForwardOrigin, signal: AbortSignal): Promise<void> {
    const { body } = turn;
    const call = createClientCall({ codec: getClientCodec('openai-responses'), body, model: readModelField(body), stream: true, route: {}, operation: 'generate' });
    call.canonical();
    if (turn.kind === 'prewarm') return this.prewarm(turn, call.requestedModel, call.model);
    const result = await attemptForward(origin, this.deps, call, signal);
    if (result.reply.kind === 'buffered') {
      throw new ProxyError({ code: 'PX_UPSTREAM_PROTOCOL', message: 'The upstream answered without a stream.', httpStatus: 502 });
    }
    this.logWarnings(result.reply.warnings);
    const recorder = new TurnRecorder();
    const sink = new WebsocketEventSink(this.socket, recorder.observe);
    await streamToClient(sink, result.reply.stream, { call, candidate: result.candidate, deps: this.deps, runtime: result.runtime, signal, info: result.info });
    this.memory = recorder.memory(turn.input) ?? this.memory;
  }

  /**
   * A prewarm calls no upstream, but its body was checked like a generate's (above) and its model must
   * be one an account serves: the 400 or 404 the real request would get comes now, not after it.
   */
  private prewarm(turn: PreparedTurn, requestedModel: ModelName, model: string): void {
    const runtime = this.deps.getRuntime();
    if (resolveCandidates(requestedModel, runtime.credentials, runtime.config.forceModelPrefix).length === 0) throw unknownModelError(model);
    const responseId = realTranslationContext.generateId('resp');
    for (const event of prewarmEvents(turn.body, responseId, Math.floor(this.deps.now() / 1000))) this.socket.send(JSON.stringify(event));
    this.memory = { responseId, input: turn.input, output: [] };
  }

  private sendError(error: ProxyError): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(renderWebsocketErrorFrame(error));
  }

  private logWarnings(warnings: TranslationWarning[]): void {
    if (warnings.length > 0) this.deps.logger.debug({ reqId: this.request.id, warnings }, 'translation warnings');
  }

  /** One log line (and one finished-request event) per request on the socket, like the HTTP routes'. */
  private logFinished(origin: ForwardOrigin, end: RequestEnd): void {
    this.served += 1;
    const now = performance.now();
    const info = origin.proxyInfo;
    const event = info ? buildRequestFinished(end, info, now) : undefined;
    const fields = event ? requestLogFields(event) : { status: end.status, latencyMs: Math.round((now - end.arrivedAt) * 10) / 10 };
    this.deps.logger.info({ reqId: this.request.id, method: 'GET', route, transport: 'websocket', wsRequest: this.served, ...fields }, 'request');
    if (event) this.deps.onRequestFinished(event);
  }
}

function parseClientMessage(text: string): ClientMessage {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: invalidMessage(`The message is not valid JSON: ${error instanceof Error ? error.message : 'parse error'}`, 400) };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, error: invalidMessage('The message must be a JSON object with a "type".', 400) };
  }
  const message = parsed as Record<string, unknown>;
  if (typeof message.type !== 'string') return { ok: false, error: invalidMessage('The message has no "type": send {"type":"response.create", ...}.', 400, 'type') };
  return { ok: true, type: message.type, message };
}

function invalidMessage(message: string, httpStatus: number, param?: string): ProxyError {
  return new ProxyError({ code: 'PX_INVALID_REQUEST', message, httpStatus, ...(param ? { details: { param } } : {}) });
}

function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
