import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeControlApi } from './create-fake-control-api.fixture';
import { registerControlRoutes } from './register-control-routes';

const SECRET = 'sse-secret';
let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, needle: string): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  while (!text.includes(needle)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  return text;
}

describe('GET /v0/management/control/events', () => {
  it('sends the current status first, then live events, and lets the server close', async () => {
    const control = createFakeControlApi();
    app = Fastify();
    registerControlRoutes(app, {
      control,
      getSecret: () => SECRET,
      allowRemote: () => false,
      disableControlPanel: () => false,
    });
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const response = await fetch(`${address}/v0/management/control/events`, {
      headers: { authorization: `Bearer ${SECRET}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    expect(await readUntil(reader, '\n\n')).toContain('event: status.changed\ndata: {"state":"running"');

    control.emit('status.changed', { ...control.status, state: 'stopping' });
    expect(await readUntil(reader, '\n\n')).toContain('"state":"stopping"');

    const closing = app.close();
    await expect(Promise.race([closing.then(() => 'closed'), sleep(3000).then(() => 'hung')])).resolves.toBe('closed');
    app = undefined;
  });

  it('requires the key like every management route', async () => {
    app = Fastify();
    registerControlRoutes(app, {
      control: createFakeControlApi(),
      getSecret: () => SECRET,
      allowRemote: () => false,
      disableControlPanel: () => false,
    });
    const response = await app.inject({ url: '/v0/management/control/events', remoteAddress: '127.0.0.1' });
    expect(response.statusCode).toBe(401);
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
