/**
 * A `ws` client of the Responses WebSocket that keeps every frame it receives (raw text included, for
 * the secrets scan) and lets a test await them in order; an upgrade the engine refuses is reported as
 * its HTTP status and body instead of an open socket.
 */
import { WebSocket } from 'ws';

export type Frame = Record<string, unknown>;

export interface RefusedUpgrade {
  status: number;
  body: string;
}

export class WebsocketFrameClient {
  readonly frames: Frame[] = [];
  /** Every frame as received, text or binary, decoded as UTF-8. */
  readonly rawFrames: string[] = [];
  /** The close code and reason once the socket closed. */
  closed: { code: number; reason: string } | undefined;
  private read = 0;
  private wake: (() => void) | undefined;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const text = Buffer.isBuffer(data) ? data.toString('utf8') : Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data).toString('utf8');
      this.rawFrames.push(text);
      this.frames.push(JSON.parse(text) as Frame);
      this.wake?.();
    });
    socket.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString('utf8') };
      this.wake?.();
    });
    // A refused upgrade or a reset also closes: the test reads `closed` or the refusal.
    socket.on('error', () => undefined);
  }

  /** Opens `url` with `headers`; resolves to the client, or to the HTTP answer that refused the upgrade. */
  static open(url: string, headers: Record<string, string>): Promise<WebsocketFrameClient | RefusedUpgrade> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { headers });
      const client = new WebsocketFrameClient(socket);
      socket.once('open', () => resolve(client));
      socket.once('unexpected-response', (_request, response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      });
      socket.once('error', (error) => {
        if (socket.readyState !== WebSocket.OPEN) reject(error);
      });
    });
  }

  send(message: unknown, options: { binary?: boolean } = {}): void {
    const data = typeof message === 'string' || Buffer.isBuffer(message) ? message : JSON.stringify(message);
    this.socket.send(data, { binary: options.binary ?? false });
  }

  async next(timeoutMs = 5000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    while (this.read >= this.frames.length) {
      if (this.closed) throw new Error(`socket closed (${this.closed.code}) while waiting for a frame`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no frame within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    const frame = this.frames[this.read] as Frame;
    this.read += 1;
    return frame;
  }

  /** The frames of one answer: up to response.completed / .incomplete, or an error frame. */
  async answer(): Promise<Frame[]> {
    const frames: Frame[] = [];
    for (;;) {
      const frame = await this.next();
      frames.push(frame);
      if (frame.type === 'response.completed' || frame.type === 'response.incomplete' || frame.type === 'error') return frames;
    }
  }

  /** Waits for the close (the engine's or ours). */
  async whenClosed(timeoutMs = 5000): Promise<{ code: number; reason: string }> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error(`socket still open after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return this.closed;
  }
}

export function isRefusedUpgrade(value: WebsocketFrameClient | RefusedUpgrade): value is RefusedUpgrade {
  return !(value instanceof WebsocketFrameClient);
}
