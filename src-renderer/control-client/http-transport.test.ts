import { describe, expect, it, vi } from 'vitest';
import { createHttpTransport } from './http-transport';
import { createManagementKeyStore } from './management-key-store';

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
    removeItem: (key: string) => void map.delete(key),
  };
}

const status = { state: 'running', host: '127.0.0.1', port: 8317, baseUrl: 'http://127.0.0.1:8317/v1', error: null, accounts: 0, requestsServed: 0, teamStore: false };
const json = (body: unknown, init: number) =>
  new Response(JSON.stringify(body), { status: init, headers: { 'content-type': 'application/json' } });

function setup(fetchImpl: typeof fetch, key: string | null = 'the-key') {
  const managementKey = createManagementKeyStore(memoryStorage());
  if (key !== null) managementKey.set(key);
  return createHttpTransport({ baseUrl: 'http://engine.test', managementKey, fetch: fetchImpl, reconnectDelayMs: 5 });
}

describe('createHttpTransport', () => {
  it('POSTs the operation with the key and returns the ControlResult', async () => {
    const fetchImpl = vi.fn<typeof fetch>(async () => json({ ok: true, value: status }, 200));
    const client = setup(fetchImpl);
    await expect(client.invoke('status.get', {})).resolves.toEqual({ ok: true, value: status });
    const [url, init] = fetchImpl.mock.calls[0] ?? [];
    expect(url).toBe('http://engine.test/v0/management/control/status.get');
    expect(init?.method).toBe('POST');
    expect(init?.headers).toMatchObject({ authorization: 'Bearer the-key', 'content-type': 'application/json' });
    expect(init?.body).toBe('{}');
  });

  it('does not offer Stop, and asks for sign-in without a key', async () => {
    const fetchImpl = vi.fn<typeof fetch>();
    const client = setup(fetchImpl, null);
    expect(client.capabilities).toEqual({ canStart: true, canStop: false, appSettings: false });
    await expect(client.invoke('status.get', {})).resolves.toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(fetchImpl).not.toHaveBeenCalled();
  });

  it('puts guard answers and network failures into words', async () => {
    const cases: Array<[Response | Error, string]> = [
      [json({ error: 'Invalid management key.' }, 401), 'UNAUTHORIZED'],
      [json({ error: 'Remote management is disabled.' }, 403), 'FORBIDDEN'],
      [new Response(null, { status: 404 }), 'UNAVAILABLE'],
      [new Response('oops', { status: 502 }), 'FAILED'],
      [new TypeError('fetch failed'), 'UNAVAILABLE'],
    ];
    for (const [answer, code] of cases) {
      const client = setup(async () => {
        if (answer instanceof Error) throw answer;
        return answer;
      });
      const result = await client.invoke('proxy.start', {});
      expect(result, code).toMatchObject({ ok: false, error: { code } });
      if (!result.ok) expect(result.error.message.length).toBeGreaterThan(10);
    }
  });

  it('passes ControlResult errors from the engine through', async () => {
    const client = setup(async () => json({ ok: false, error: { code: 'FAILED', message: 'Port busy' } }, 500));
    await expect(client.invoke('proxy.start', {})).resolves.toEqual({ ok: false, error: { code: 'FAILED', message: 'Port busy' } });
  });

  it('streams events to listeners over one connection, reconnecting after a drop', async () => {
    let connections = 0;
    const fetchImpl = vi.fn<typeof fetch>(async (_url, init) => {
      connections += 1;
      const body = `event: status.changed\ndata: ${JSON.stringify({ ...status, requestsServed: connections })}\n\n`;
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(body));
          if (connections === 1) controller.close();
          else init?.signal?.addEventListener('abort', () => controller.error(new Error('aborted')));
        },
      });
      return new Response(stream, { status: 200, headers: { 'content-type': 'text/event-stream' } });
    });
    const client = setup(fetchImpl);
    const seen: number[] = [];
    const unsubscribe = client.on('status.changed', (next) => seen.push(next.requestsServed));
    const alsoListening = client.on('status.changed', () => undefined);
    await vi.waitFor(() => expect(seen).toEqual([1, 2]));
    expect(fetchImpl).toHaveBeenCalledTimes(2);
    expect(fetchImpl.mock.calls[0]?.[1]?.headers).toMatchObject({ authorization: 'Bearer the-key' });
    unsubscribe();
    alsoListening();
  });

  it('stops reconnecting when the key is refused', async () => {
    const fetchImpl = vi.fn<typeof fetch>(async () => new Response(null, { status: 401 }));
    const client = setup(fetchImpl);
    const unsubscribe = client.on('status.changed', () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    unsubscribe();
  });
});
