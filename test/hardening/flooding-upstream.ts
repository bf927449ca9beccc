/**
 * An OpenAI-compatible upstream that streams chat chunks as fast as its socket accepts them (it waits for
 * `drain` when the socket is full, as a real server does) and counts what it managed to write. A proxy
 * that respects backpressure stops this count near its buffers' size while its client does not read.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitForDrain } from '../fakes/fake-http-helpers';

export interface FloodingUpstream {
  /** e.g. http://127.0.0.1:41234/v1 */
  baseUrl: string;
  /** Bytes of the stream body written so far (all requests). */
  bytesWritten(): number;
  /** True once a client closed a stream before its end. */
  sawAbort(): boolean;
  close(): Promise<void>;
}

const piece = 'x'.repeat(1000);
const frame = `data: ${JSON.stringify({ id: 'flood', object: 'chat.completion.chunk', created: 1, model: 'flood', choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] })}\n\n`;

export async function startFloodingUpstream(totalBytes: number): Promise<FloodingUpstream> {
  let written = 0;
  let aborted = false;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => void flood(response));
  });
  async function flood(response: ServerResponse): Promise<void> {
    response.on('close', () => {
      if (!response.writableFinished) aborted = true;
    });
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    for (let sent = 0; sent < totalBytes && !response.destroyed; sent += frame.length) {
      written += frame.length;
      if (!response.write(frame)) await waitForDrain(response);
    }
    if (!response.destroyed) response.end(`data: ${JSON.stringify({ id: 'flood', object: 'chat.completion.chunk', created: 1, model: 'flood', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\ndata: [DONE]\n\n`);
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    bytesWritten: () => written,
    sawAbort: () => aborted,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
