/**
 * Upstream faults, scripted per case on the four fake upstreams (see routing-and-retries.test.ts for
 * the buffered OpenAI failover basics). Failures before the first byte move to the next account; a
 * committed stream ends with the client protocol's in-stream error; every case is bounded in time.
 */
import { connect, createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { compatEntry, startTestEngine, testClientKey } from '../integration/start-test-engine';
import { startFloodingUpstream } from './flooding-upstream';
import { callAs, clientProtocols, dataEvents, endsWithInStreamError, fakeNameFor, modelFor, reportsFailure, startFourUpstreams, upstreamKeyOf, type ClientProtocol, type FourUpstreams } from './four-upstreams';

/** The engine gives up on a silent upstream after this long (streaming.upstream-idle-timeout-seconds). */
const idleTimeoutSeconds = 1;
let world: FourUpstreams;

beforeAll(async () => {
  world = await startFourUpstreams({ streaming: { 'upstream-idle-timeout-seconds': idleTimeoutSeconds } });
});
afterAll(async () => world.close());
beforeEach(() => world.reset());

/** Scripts the upstream that speaks `protocol` with a fault, in that fake's own step vocabulary. */
type Fault = 'status-500' | 'status-529' | 'status-429' | 'status-429-retry-after' | 'reset-before-headers' | 'stall-before-headers';
const faults: readonly Fault[] = ['status-500', 'status-529', 'status-429', 'status-429-retry-after', 'reset-before-headers', 'stall-before-headers'];

function scriptFault(protocol: ClientProtocol, fault: Fault): void {
  const step = (() => {
    switch (fault) {
      case 'status-500':
        return { kind: 'status', status: 500 } as const;
      case 'status-529':
        return { kind: 'status', status: 529 } as const;
      case 'status-429':
        return { kind: 'status', status: 429 } as const;
      case 'status-429-retry-after':
        return { kind: 'status', status: 429, headers: { 'retry-after': '30' } } as const;
      case 'reset-before-headers':
        return { kind: 'reset-before-headers' } as const;
      case 'stall-before-headers':
        return { kind: 'stall', ms: (idleTimeoutSeconds + 2) * 1000 } as const;
      default: {
        const unknownFault: never = fault;
        throw new Error(`unknown fault ${String(unknownFault)}`);
      }
    }
  })();
  upstreamFor(protocol).enqueue(step);
}

function upstreamFor(protocol: ClientProtocol) {
  switch (protocol) {
    case 'openai-chat':
      return world.openai;
    case 'anthropic':
      return world.anthropic;
    case 'gemini':
      return world.gemini;
    case 'responses':
      return world.responses;
    default: {
      const unknownProtocol: never = protocol;
      throw new Error(`unknown protocol ${String(unknownProtocol)}`);
    }
  }
}

const keysSeen = (protocol: ClientProtocol) => upstreamFor(protocol).requests.map(upstreamKeyOf);

describe('a failure before the first byte is retried on the next account, on every wire', () => {
  const cases = clientProtocols.flatMap((protocol) => faults.map((fault) => [protocol, fault] as const));
  it.each(cases)('%s stream, %s on k1 -> served by k2', async (protocol, fault) => {
    scriptFault(protocol, fault);
    const answer = await callAs(world.proxy, protocol, modelFor[protocol]);
    expect(answer.status).toBe(200);
    // The fakes stream one word per frame: the last word of `Hello from <name>` arrived.
    expect(answer.text).toContain(` ${fakeNameFor[protocol]}"`);
    expect(endsWithInStreamError(protocol, answer.text)).toBe(false);
    expect(keysSeen(protocol)).toEqual(['k1', 'k2']);
    // A stall is cut by the idle timeout, not by the fake's own end of the pause.
    if (fault === 'stall-before-headers') expect(answer.elapsedMs).toBeLessThan((idleTimeoutSeconds + 2) * 1000);
  });
});

describe('a buffered (non-stream) answer that fails is retried on the next account', () => {
  const cases = clientProtocols.flatMap((protocol) => (['status-529', 'stall-before-headers', 'reset-mid-body'] as const).map((fault) => [protocol, fault] as const));
  it.each(cases)('%s, %s on k1 -> served by k2', async (protocol, fault) => {
    if (fault === 'reset-mid-body') scriptMidStreamReset(protocol);
    else scriptFault(protocol, fault);
    const answer = await callAs(world.proxy, protocol, modelFor[protocol], false);
    expect(answer.status).toBe(200);
    expect(answer.text).toContain(`Hello from ${fakeNameFor[protocol]}`);
    expect(keysSeen(protocol)).toEqual(['k1', 'k2']);
  });
});

describe('when every account fails before the first byte the client gets an HTTP error in its own format', () => {
  it.each([
    ['anthropic', 529, (body: unknown) => expect(body).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } })],
    ['openai-chat', 500, (body: unknown) => expect(body).toMatchObject({ error: { message: expect.any(String) } })],
    ['gemini', 500, (body: unknown) => expect(body).toMatchObject({ error: { code: 500, message: expect.any(String), status: expect.any(String) } })],
    ['responses', 429, (body: unknown) => expect(body).toMatchObject({ error: { message: expect.any(String) } })],
  ] as const)('%s: %i on both keys', async (protocol, status, check) => {
    upstreamFor(protocol).enqueue({ kind: 'status', status }, { kind: 'status', status });
    const answer = await callAs(world.proxy, protocol, modelFor[protocol]);
    expect(answer.status).toBe(status);
    check(JSON.parse(answer.text));
    expect(keysSeen(protocol)).toEqual(['k1', 'k2']);
  });

  it('resets on both keys -> 502 upstream network error', async () => {
    world.anthropic.enqueue({ kind: 'reset-before-headers' }, { kind: 'reset-before-headers' });
    const answer = await callAs(world.proxy, 'anthropic', modelFor.anthropic);
    expect(answer.status).toBe(502);
    expect(JSON.parse(answer.text)).toMatchObject({ type: 'error', error: { type: 'api_error' } });
  });
});

/** Every client protocol, once against its own wire (pass-through) and once translated. */
const crossings: ReadonlyArray<readonly [ClientProtocol, ClientProtocol]> = [
  ['openai-chat', 'openai-chat'],
  ['openai-chat', 'anthropic'],
  ['anthropic', 'anthropic'],
  ['anthropic', 'openai-chat'],
  ['gemini', 'gemini'],
  ['gemini', 'anthropic'],
  ['responses', 'responses'],
  ['responses', 'gemini'],
];

function scriptMidStreamReset(upstream: ClientProtocol): void {
  switch (upstream) {
    case 'openai-chat':
      return world.openai.enqueue({ kind: 'reset-mid-stream', afterChunks: 2 });
    case 'gemini':
      return world.gemini.enqueue({ kind: 'reset-mid-stream', afterChunks: 2 });
    case 'anthropic':
      return world.anthropic.enqueue({ kind: 'reset-mid-stream', afterEvents: 5 });
    case 'responses':
      return world.responses.enqueue({ kind: 'reset-mid-stream', afterEvents: 5 });
    default: {
      const unknownProtocol: never = upstream;
      throw new Error(`unknown protocol ${String(unknownProtocol)}`);
    }
  }
}

describe('a committed stream that breaks ends with the client protocol in-stream error, never retried', () => {
  it.each(crossings)('%s client, %s upstream reset mid-stream', async (client, upstream) => {
    scriptMidStreamReset(upstream);
    const answer = await callAs(world.proxy, client, modelFor[upstream]);
    expect(answer.status).toBe(200);
    expect(endsWithInStreamError(client, answer.text)).toBe(true);
    // Pass-through or translated, a Responses client's stream ends with its terminal event (then `error`).
    if (client === 'responses') expect((dataEvents(answer.text).at(-2) as { type?: string }).type).toBe('response.failed');
    expect(keysSeen(upstream)).toEqual(['k1']);
  });

  it('regression: a Responses pass-through stream that breaks midway ended with a lone event: error, no response.failed', async () => {
    for (const fault of ['reset', 'stall'] as const) {
      world.reset();
      if (fault === 'reset') scriptMidStreamReset('responses');
      else world.responses.enqueue({ kind: 'slow-stream', chunks: 3, chunkDelayMs: (idleTimeoutSeconds + 3) * 1000 });
      const answer = await callAs(world.proxy, 'responses', modelFor.responses);
      expect(answer.status).toBe(200);
      const events = dataEvents(answer.text) as Array<{ type: string; sequence_number?: number; response?: { id?: string; status?: string; error?: unknown } }>;
      const created = events.find((event) => event.type === 'response.created');
      // The ending the stream encoder writes for a failure: response.failed, then the SDK helpers' error event.
      expect(events.slice(-2).map((event) => event.type), fault).toEqual(['response.failed', 'error']);
      expect(answer.text).toMatch(/event: response\.failed\ndata: [^\n]+\n\nevent: error\ndata: [^\n]+\n\n$/);
      const [failed, error] = events.slice(-2);
      expect(failed?.response).toMatchObject({ id: created?.response?.id, status: 'failed', error: { code: 'server_error', message: expect.any(String) } });
      expect(failed?.sequence_number).toBe((events.at(-3)?.sequence_number ?? -2) + 1);
      expect(error?.sequence_number).toBe((failed?.sequence_number ?? -2) + 1);
      expect(keysSeen('responses')).toEqual(['k1']);
    }
  });

  it('the openai SDK reads a broken Responses pass-through stream to its failure, without hanging', async () => {
    const client = new OpenAI({ baseURL: world.proxy.baseUrl, apiKey: testClientKey, maxRetries: 0 });
    scriptMidStreamReset('responses');
    const types: string[] = [];
    let failed: OpenAI.Responses.ResponseFailedEvent | undefined;
    for await (const event of await client.responses.create({ model: modelFor.responses, input: 'hi', stream: true })) {
      types.push(event.type);
      if (event.type === 'response.failed') failed = event;
    }
    expect(types.slice(-2)).toEqual(['response.failed', 'error']);
    expect(failed?.response).toMatchObject({ status: 'failed', error: { code: 'server_error' } });

    // The helper ignores response.failed (finalResponse() would be the in_progress snapshot); it rejects on `error`.
    scriptMidStreamReset('responses');
    const helper = client.responses.stream({ model: modelFor.responses, input: 'hi' });
    await expect(helper.finalResponse()).rejects.toMatchObject({ type: 'error', code: 'server_error' });
  });

  // The fakes pause after their first frame. Pass-through has forwarded that frame, so the stream is
  // committed and ends with the in-stream error. A translated stream commits only with content: when the
  // first frame carried none (OpenAI's role-only chunk), the stall is an attempt failure and the next
  // account serves the request; when it carried text, the stream ends with the in-stream error.
  it.each(crossings)('%s client, %s upstream stalls mid-stream past the idle timeout', async (client, upstream) => {
    upstreamFor(upstream).enqueue({ kind: 'slow-stream', chunks: 3, chunkDelayMs: (idleTimeoutSeconds + 3) * 1000 });
    const answer = await callAs(world.proxy, client, modelFor[upstream]);
    expect(answer.status).toBe(200);
    const retried = keysSeen(upstream).length === 2;
    expect(reportsFailure(client, answer)).toBe(!retried);
    if (client === upstream) expect(retried).toBe(false);
    if (client !== upstream && upstream === 'openai-chat') expect(retried).toBe(true);
    expect(answer.elapsedMs).toBeLessThan((idleTimeoutSeconds + 3) * 1000);
  });
});

describe('an error event inside a 200 stream', () => {
  it.each(['anthropic', 'openai-chat', 'gemini'] as const)('Anthropic event: error reaches a %s client as its in-stream error', async (client) => {
    world.anthropic.enqueue({ kind: 'stream-error', afterEvents: 3, errorType: 'overloaded_error', message: 'Overloaded' });
    const answer = await callAs(world.proxy, client, modelFor.anthropic);
    expect(answer.status).toBe(200);
    expect(endsWithInStreamError(client, answer.text)).toBe(true);
  });

  it('Responses response.failed reaches a Responses client (pass-through) as its in-stream error', async () => {
    world.responses.enqueue({ kind: 'response-failed', code: 'server_error', message: 'boom' });
    const answer = await callAs(world.proxy, 'responses', modelFor.responses);
    expect(answer.status).toBe(200);
    expect(endsWithInStreamError('responses', answer.text)).toBe(true);
  });

  // The fake fails before any content: a translated stream has not committed, so the next account serves it.
  it.each(['openai-chat', 'anthropic'] as const)('Responses response.failed before content is retried on k2 for a %s client', async (client) => {
    world.responses.enqueue({ kind: 'response-failed', code: 'server_error', message: 'boom' });
    const answer = await callAs(world.proxy, client, modelFor.responses);
    expect(answer.status).toBe(200);
    expect(endsWithInStreamError(client, answer.text)).toBe(false);
    expect(keysSeen('responses')).toEqual(['k1', 'k2']);
  });
});

describe('connection refused', () => {
  it('an account whose upstream refuses connections is skipped for the next one', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const proxy = await startTestEngine({
      'openai-compatibility': [
        compatEntry('dead', `http://127.0.0.1:${closedPort}/v1`, ['kd'], { priority: 2 }),
        compatEntry('live', world.openai.baseUrl, ['kl'], { priority: 1 }),
      ],
    });
    try {
      for (const protocol of clientProtocols) {
        const answer = await callAs(proxy, protocol, 'any-model');
        expect(answer.status, protocol).toBe(200);
        expect(endsWithInStreamError(protocol, answer.text), protocol).toBe(false);
      }
      expect(keysSeen('openai-chat')).toEqual(['kl', 'kl', 'kl', 'kl']);
      // The refusing account cools down after its first failure, so only the first request needed a retry.
      const lines = proxy.logLines().filter((line) => line.msg === 'request');
      expect(lines[0]).toMatchObject({ status: 200, retries: 1 });
    } finally {
      await proxy.close();
    }
  });
});

describe('a client that does not read (backpressure)', () => {
  const floodBytes = 64 * 1024 * 1024;

  /** Sends a streaming request on a raw socket that is never read from. */
  function openStalledClient(origin: string, path: string, body: unknown) {
    const { port } = new URL(origin);
    const payload = JSON.stringify(body);
    const socket = connect(Number(port), '127.0.0.1');
    socket.pause();
    socket.write(
      `POST ${path} HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\nauthorization: Bearer ${testClientKey}\r\ncontent-type: application/json\r\n` +
        `content-length: ${Buffer.byteLength(payload)}\r\n\r\n${payload}`,
    );
    return socket;
  }

  async function writtenOnceSettled(read: () => number): Promise<number> {
    let previous = -1;
    while (read() !== previous) {
      previous = read();
      await sleep(400);
    }
    return previous;
  }

  it.each([
    ['OpenAI chat, pass-through', '/v1/chat/completions', { model: 'flood', stream: true, messages: [{ role: 'user', content: 'hi' }] }],
    ['Anthropic messages, translated', '/v1/messages', { model: 'flood', stream: true, max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] }],
  ])('%s: the upstream is paused, memory stays flat, and closing the client aborts the upstream', async (_name, path, body) => {
    const upstream = await startFloodingUpstream(floodBytes);
    const proxy = await startTestEngine({ 'openai-compatibility': [compatEntry('flood', upstream.baseUrl, ['kf'])] });
    const client = openStalledClient(proxy.origin, path, body);
    try {
      global.gc?.();
      const before = process.memoryUsage();
      const written = await writtenOnceSettled(upstream.bytesWritten);
      const after = process.memoryUsage();
      // Socket buffers on both hops plus the engine's high-water marks: a few MB, not the 64 MB offered.
      expect(written).toBeGreaterThan(256 * 1024);
      expect(written).toBeLessThan(16 * 1024 * 1024);
      expect(after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers)).toBeLessThan(48 * 1024 * 1024);
      client.destroy();
      await expect.poll(upstream.sawAbort, { timeout: 3000 }).toBe(true);
    } finally {
      client.destroy();
      await proxy.close();
      await upstream.close();
    }
  });
});
