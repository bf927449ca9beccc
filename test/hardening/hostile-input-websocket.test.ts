/**
 * Hostile input on the Responses WebSocket (`GET /v1/responses` upgraded; issue 21). The same promise as
 * hostile-input.test.ts, in the socket's terms: a bad message gets an `error` event frame in the
 * Responses wire's format (`{"type":"error","status":4xx,"error":{type,message,...}}`) and the socket
 * stays open; what the WebSocket protocol itself forbids (a text frame that is not UTF-8, a message over
 * `body-limit-mb`) closes the socket with its close code; a refused upgrade is an HTTP 4xx in the
 * Responses error format. Never an upstream call, a 5xx, an error log line, or an engine that stops serving.
 */
import { request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testClientKey } from '../integration/start-test-engine';
import { clientEndpoints } from './client-endpoints';
import { isClientErrorBody, startFourUpstreams, type FourUpstreams } from './four-upstreams';
import { isRefusedUpgrade, WebsocketFrameClient, type Frame, type RefusedUpgrade } from './websocket-frame-client';
import { wrongTypeCases } from './wrong-type-matrix';

let world: FourUpstreams;
const openClients: WebsocketFrameClient[] = [];

beforeAll(async () => {
  world = await startFourUpstreams({ 'body-limit-mb': 1 });
});
afterEach(() => {
  while (openClients.length) openClients.pop()?.socket.terminate();
});
afterAll(async () => world.close());

const upstreamCalls = () => world.openai.requests.length + world.anthropic.requests.length + world.gemini.requests.length + world.responses.requests.length;
const errorLogLines = () => world.proxy.logLines().filter((line) => Number(line.level) >= 50);
const wsUrl = (path = '/v1/responses') => `${world.proxy.origin.replace(/^http/, 'ws')}${path}`;
const authHeaders = { authorization: `Bearer ${testClientKey}` };
const responsesBody = clientEndpoints.find((endpoint) => endpoint.name === 'responses')?.body ?? {};
const create = (extra: Record<string, unknown> = {}) => ({ type: 'response.create', ...responsesBody, ...extra });

async function connect(headers: Record<string, string> = authHeaders, path?: string): Promise<WebsocketFrameClient> {
  const opened = await WebsocketFrameClient.open(wsUrl(path), headers);
  if (isRefusedUpgrade(opened)) throw new Error(`upgrade refused: ${opened.status} ${opened.body}`);
  openClients.push(opened);
  return opened;
}

async function refusedUpgrade(headers: Record<string, string>, path?: string): Promise<RefusedUpgrade> {
  const opened = await WebsocketFrameClient.open(wsUrl(path), headers);
  if (!isRefusedUpgrade(opened)) {
    openClients.push(opened);
    throw new Error('the upgrade was accepted');
  }
  return opened;
}

/** Why `frame` is not a clean refusal in the Responses WebSocket format, or undefined when it is. */
function errorFrameProblem(frame: Frame): string | undefined {
  if (frame.type !== 'error') return `a ${String(frame.type)} frame, not an error`;
  const status = Number(frame.status);
  if (!(status >= 400 && status < 500)) return `status ${String(frame.status)}`;
  if (typeof frame.message !== 'string' || frame.message === '') return 'no top-level message';
  return isClientErrorBody('responses', { error: frame.error }) ? undefined : `not a Responses error object: ${JSON.stringify(frame.error)}`;
}

/** The socket (and the engine) still serve a valid request after the hostile ones. */
async function expectStillServing(client?: WebsocketFrameClient): Promise<void> {
  const socket = client ?? (await connect());
  socket.send(create());
  const frames = await socket.answer();
  expect(frames.at(-1)?.type).toBe('response.completed');
  expect((await request(`${world.proxy.origin}/healthz`)).statusCode).toBe(200);
}

describe('malformed messages: an error frame each, the socket stays open', () => {
  const valid = JSON.stringify(create());
  const malformed: Array<[string, string | Buffer]> = [
    ['truncated', valid.slice(0, Math.floor(valid.length / 2))],
    ['one brace', '{'],
    ['empty', ''],
    ['an array', '[]'],
    ['a string', '"hello"'],
    ['a number', '42'],
    ['null', 'null'],
    ['two objects', `${valid}${valid}`],
    ['trailing garbage', `${valid} xyz`],
    ['NUL bytes', Buffer.from([0x7b, 0x00, 0x00, 0x7d])],
  ];

  it('every malformed message gets its error frame, in order, on one socket', async () => {
    const before = upstreamCalls();
    const errorsBefore = errorLogLines().length;
    const client = await connect();
    const problems: string[] = [];
    for (const [name, message] of malformed) {
      client.send(message);
      const problem = errorFrameProblem(await client.next());
      if (problem) problems.push(`${name}: ${problem}`);
    }
    expect(problems).toEqual([]);
    expect(upstreamCalls()).toBe(before);
    expect(errorLogLines()).toHaveLength(errorsBefore);
    await expectStillServing(client);
  });

  it('a __proto__ key neither pollutes the engine nor fails the request', async () => {
    const client = await connect();
    client.send(valid.replace(/^\{/, '{"__proto__":{"polluted":true},'));
    expect((await client.answer()).at(-1)?.type).toBe('response.completed');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('unknown or missing message types', () => {
  const messages: Array<[string, unknown]> = [
    ['an unknown type', { ...create(), type: 'response.cancel' }],
    ['a session.update', { type: 'session.update', session: {} }],
    ['an empty type', { ...create(), type: '' }],
    ['a numeric type', { ...create(), type: 42 }],
    ['no type', responsesBody],
    ['a 1 MB-long type name (under the limit)', { type: 'x'.repeat(900_000) }],
  ];

  it.each(messages)('%s -> an error frame naming the type', async (_name, message) => {
    const before = upstreamCalls();
    const client = await connect();
    client.send(message);
    const frame = await client.next();
    expect(errorFrameProblem(frame)).toBeUndefined();
    expect(frame).toMatchObject({ status: 400, param: 'type' });
    expect(String(frame.message).length).toBeLessThan(300);
    expect(upstreamCalls()).toBe(before);
    await expectStillServing(client);
  });
});

describe('wrong types in response.create', () => {
  // What POST /v1/responses tolerates (hostile-input.test.ts), plus `stream`: the socket always streams.
  const tolerated = new Set(['input <- string', 'input[0].content <- string']);
  const isTolerated = (label: string, path: ReadonlyArray<string | number>) =>
    label.endsWith('<- null') || tolerated.has(label) || path[0] === 'stream' || path.includes('parameters');

  it('every field with every wrong JSON type: an error frame that reached no upstream, or a tolerated completion', async () => {
    const client = await connect();
    const cases = wrongTypeCases(responsesBody);
    const problems: string[] = [];
    for (const testCase of cases) {
      const before = upstreamCalls();
      client.send({ type: 'response.create', ...(testCase.body as Record<string, unknown>) });
      const frames = await client.answer();
      const last = frames.at(-1) ?? {};
      if (last.type === 'response.completed' && isTolerated(testCase.label, testCase.path)) continue;
      const problem = errorFrameProblem(last) ?? (upstreamCalls() > before ? 'reached the upstream' : undefined);
      if (problem) problems.push(`${testCase.label}: ${problem}`);
    }
    expect(cases.length).toBeGreaterThan(20);
    expect(problems).toEqual([]);
    await expectStillServing(client);
  });

  it.each([
    ['model: 42', { model: 42 }],
    ['input: {}', { input: {} }],
    ['an unknown model', { model: 'no-such-model' }],
    ['previous_response_id: 42', { previous_response_id: 42 }],
  ])('%s -> a 4xx error frame, nothing forwarded', async (_name, extra) => {
    const before = upstreamCalls();
    const client = await connect();
    client.send(create(extra));
    expect(errorFrameProblem(await client.next())).toBeUndefined();
    expect(upstreamCalls()).toBe(before);
  });
});

describe('prewarm (generate: false) is checked like the request it warms up', () => {
  it.each([
    ['model: 42', { model: 42 }, 400],
    ['input: {}', { input: {} }, 400],
    ['tools: "x"', { tools: 'x' }, 400],
    ['an unknown model', { model: 'no-such-model' }, 404],
  ])('regression: a prewarm with %s was answered as a completed response echoing it', async (_name, extra, status) => {
    const client = await connect();
    client.send(create({ generate: false, ...extra }));
    const frame = await client.next();
    expect(errorFrameProblem(frame)).toBeUndefined();
    expect(frame.status).toBe(status);
    client.send(create({ generate: false }));
    expect((await client.answer()).map((answer) => answer.type)).toEqual(['response.created', 'response.completed']);
  });
});

describe('frames the WebSocket protocol or the body limit refuse', () => {
  it('a message over body-limit-mb closes the socket with 1009; the engine keeps serving', async () => {
    const before = upstreamCalls();
    const client = await connect();
    client.send(create({ padding: 'x'.repeat(1_100_000) }));
    expect((await client.whenClosed()).code).toBe(1009);
    expect(upstreamCalls()).toBe(before);
    expect(errorLogLines()).toHaveLength(0);
    await expectStillServing();
  });

  it('a text frame that is not UTF-8 closes the socket with 1007; a binary one is read as U+FFFD', async () => {
    const invalid = Buffer.concat([Buffer.from('{"type":"response.create","model":"f-resp","input":"a'), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('z"}')]);
    const before = upstreamCalls();
    const text = await connect();
    text.send(invalid, { binary: false });
    expect((await text.whenClosed()).code).toBe(1007);
    expect(upstreamCalls()).toBe(before);
    const binary = await connect();
    world.reset();
    binary.send(invalid, { binary: true });
    expect((await binary.answer()).at(-1)?.type).toBe('response.completed');
    expect(JSON.stringify(world.responses.requests[0]?.body)).toContain('\uFFFD');
  });

  it('binary frames: garbage bytes get an error frame; the text frames answered are never binary', async () => {
    const client = await connect();
    client.send(Buffer.from([0x00, 0x01, 0x02, 0xff, 0x80, 0x7b]), { binary: true });
    expect(errorFrameProblem(await client.next())).toBeUndefined();
    client.send(Buffer.from(JSON.stringify(create())), { binary: true });
    expect((await client.answer()).at(-1)?.type).toBe('response.completed');
  });
});

describe('a flood of frames', () => {
  it('1,000 malformed frames at once: 1,000 error frames, in order, no upstream call', async () => {
    const before = upstreamCalls();
    const client = await connect();
    for (let index = 0; index < 1000; index += 1) client.send(`{"broken": ${index}`);
    for (let index = 0; index < 1000; index += 1) expect(errorFrameProblem(await client.next())).toBeUndefined();
    expect(upstreamCalls()).toBe(before);
    await expectStillServing(client);
  });

  it('300 response.create at once: one runs at a time, every other gets a 409 frame, each message gets exactly one answer', async () => {
    world.reset();
    const client = await connect();
    const count = 300;
    for (let index = 0; index < count; index += 1) client.send(create());
    let completed = 0;
    let refused = 0;
    for (let answered = 0; answered < count; answered += 1) {
      const last = (await client.answer()).at(-1) ?? {};
      if (last.type === 'response.completed') completed += 1;
      else if (last.type === 'error' && last.status === 409) refused += 1;
      else throw new Error(`unexpected answer ${JSON.stringify(last)}`);
    }
    expect(completed).toBeGreaterThanOrEqual(1);
    expect(completed + refused).toBe(count);
    expect(world.responses.requests).toHaveLength(completed);
    await expectStillServing(client);
  });
});

describe('the upgrade: client key, forged Host and Origin (ws-auth: true, the default)', () => {
  const refusals: Array<[string, Record<string, string>, string?]> = [
    ['no key', {}],
    ['a wrong Bearer key', { authorization: 'Bearer sk-wrong-key' }],
    ['a wrong x-api-key', { 'x-api-key': 'sk-wrong-key' }],
    ['an empty Bearer', { authorization: 'Bearer ' }],
    ['a wrong ?key=', {}, '/v1/responses?key=sk-wrong-key'],
    ['no key from a browser on another origin', { origin: 'http://evil.example' }],
    ['no key with a forged Host (DNS rebinding)', { host: 'evil.example' }],
    ['no key on the Codex backend path', {}, '/backend-api/codex/responses'],
  ];

  it.each(refusals)('%s -> HTTP 401 in the Responses error format, no socket', async (_name, headers, path) => {
    const refused = await refusedUpgrade(headers, path);
    expect(refused.status).toBe(401);
    expect(isClientErrorBody('responses', JSON.parse(refused.body))).toBe(true);
  });

  it('with the key, a forged Host or another Origin is served as the key-protected HTTP inference routes are', async () => {
    await expectStillServing(await connect({ ...authHeaders, host: 'evil.example', origin: 'http://evil.example' }));
    await expectStillServing(await connect({}, `/v1/responses?key=${testClientKey}`));
  });

  it('a burst of 200 refused upgrades leaves the engine serving, with no error log line', async () => {
    const refused = await Promise.all(Array.from({ length: 200 }, (_unused, index) => refusedUpgrade({ authorization: `Bearer sk-guess-${index}` })));
    expect(refused.every((answer) => answer.status === 401)).toBe(true);
    expect(errorLogLines()).toHaveLength(0);
    await expectStillServing();
  });
});
