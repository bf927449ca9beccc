/**
 * Hostile input on a real engine. Extends bad-input-and-auth.test.ts (OpenAI-only basics),
 * management-auth.test.ts (guard unit cases) and management-auth-files.test.ts (traversal basics):
 * every client endpoint, generated cases, real sockets. Expected everywhere: a 4xx in the endpoint's
 * own error format that reached no upstream (or a 200 where the field is tolerant), never a 5xx, and
 * an engine that keeps serving.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, testClientKey } from '../integration/start-test-engine';
import { clientEndpoints, type ClientEndpoint } from './client-endpoints';
import { isClientErrorBody, startFourUpstreams, type FourUpstreams } from './four-upstreams';
import { sendRawRequest, type RawAnswer } from './raw-http-sender';
import { wrongTypeCases, type WrongTypeCase } from './wrong-type-matrix';

const managementKey = 'mgmt-hostile-input-secret';
let world: FourUpstreams;

beforeAll(async () => {
  world = await startFourUpstreams({ 'body-limit-mb': 1, 'remote-management': { 'secret-key': managementKey } });
});
afterAll(async () => world.close());

const upstreamCalls = () => world.openai.requests.length + world.anthropic.requests.length + world.gemini.requests.length + world.responses.requests.length;

interface Answer {
  status: number;
  text: string;
  headers: Record<string, string | string[] | undefined>;
  /** Upstream requests the call caused. */
  reached: number;
}

async function send(path: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<Answer> {
  const before = upstreamCalls();
  const response = await request(`${world.proxy.origin}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${testClientKey}`, 'content-type': 'application/json', 'anthropic-version': '2023-06-01', ...headers },
    body,
  });
  const text = await response.body.text();
  return { status: response.statusCode, text, headers: response.headers, reached: upstreamCalls() - before };
}

/** Why `answer` is not a clean refusal in `endpoint`'s protocol, or undefined when it is. */
function refusalProblem(endpoint: ClientEndpoint, answer: Answer): string | undefined {
  if (answer.status < 400 || answer.status >= 500) return `status ${answer.status}`;
  if (answer.reached > 0) return 'reached the upstream';
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return 'error body is not JSON';
  }
  return isClientErrorBody(endpoint.protocol, body) ? undefined : `not a ${endpoint.protocol} error: ${answer.text.slice(0, 120)}`;
}

/**
 * Where a wrong type is accepted with a 200, as the protocols document it: null stands for an absent
 * optional field; content/system/prompt/input/stop take a string or an array of parts; a tool's JSON
 * schema is the provider's business and is passed on as is.
 */
const alternativeShapes: Record<string, readonly string[]> = {
  chat: ['messages[0].content <- array', 'messages[1].content <- string', 'stop <- string'],
  completions: ['prompt <- array'],
  responses: ['input <- string', 'input[0].content <- string'],
  messages: ['system <- array', 'messages[0].content <- string'],
  count_tokens: ['system <- array', 'messages[0].content <- array'],
};
const toolSchemaKeys = new Set(['parameters', 'input_schema']);

function isTolerated(endpoint: ClientEndpoint, testCase: WrongTypeCase): boolean {
  if (testCase.type === 'null') return true;
  if (alternativeShapes[endpoint.name]?.includes(testCase.label)) return true;
  return testCase.path.slice(0, -1).some((key) => typeof key === 'string' && toolSchemaKeys.has(key));
}

describe('generated matrix: every field of every endpoint with every wrong JSON type', () => {
  it.each(clientEndpoints)('$name', async (endpoint) => {
    const valid = await send(endpoint.path, JSON.stringify(endpoint.body));
    expect(valid.status).toBe(200);
    const problems: string[] = [];
    const cases = wrongTypeCases(endpoint.body);
    for (const testCase of cases) {
      const answer = await send(endpoint.path, JSON.stringify(testCase.body));
      if (answer.status === 200 && isTolerated(endpoint, testCase)) continue;
      const problem = refusalProblem(endpoint, answer);
      if (problem) problems.push(`${testCase.label}: ${problem}`);
    }
    expect(cases.length).toBeGreaterThan(20);
    expect(problems).toEqual([]);
  });
});

describe('malformed bodies on every endpoint', () => {
  const malformed = (endpoint: ClientEndpoint): Array<[string, string | Buffer]> => {
    const valid = JSON.stringify(endpoint.body);
    return [
      ['truncated', valid.slice(0, Math.floor(valid.length / 2))],
      ['one brace', '{'],
      ['empty', ''],
      ['an array', '[]'],
      ['a string', '"hello"'],
      ['null', 'null'],
      ['two objects', `${valid}${valid}`],
      ['trailing garbage', `${valid} xyz`],
      ['prototype pollution', valid.replace(/^\{/, '{"__proto__":{"polluted":true},')],
      ['NUL bytes', Buffer.from([0x7b, 0x00, 0x00, 0x7d])],
    ];
  };
  it.each(clientEndpoints)('$name', async (endpoint) => {
    const problems: string[] = [];
    for (const [name, body] of malformed(endpoint)) {
      const problem = refusalProblem(endpoint, await send(endpoint.path, body));
      if (problem) problems.push(`${name}: ${problem}`);
    }
    expect(problems).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each(clientEndpoints)('$name: a body over body-limit-mb -> 413', async (endpoint) => {
    const answer = await send(endpoint.path, JSON.stringify({ ...endpoint.body, padding: 'x'.repeat(1_100_000) }));
    expect(answer.status).toBe(413);
    expect(refusalProblem(endpoint, answer)).toBeUndefined();
  });
});

describe('oversized bodies sent concurrently, as clients that read only after sending', () => {
  const targets = clientEndpoints.filter((endpoint) => ['chat', 'messages', 'responses', 'generateContent'].includes(endpoint.name));
  const port = () => Number(new URL(world.proxy.origin).port);
  const headers = { authorization: `Bearer ${testClientKey}`, 'content-type': 'application/json', 'anthropic-version': '2023-06-01' };
  const problemOf = (endpoint: ClientEndpoint, answer: RawAnswer): string | undefined => {
    if (answer.error) return `${answer.error} before reading an answer (status ${String(answer.status)})`;
    if (answer.status !== 413) return `status ${String(answer.status)}`;
    return refusalProblem(endpoint, { status: 413, text: answer.body, headers: answer.headers, reached: 0 });
  };

  it('regression: a 50 MB body ends in a broken pipe, not a 413: 3 concurrent senders per endpoint all read the 413 in their format', async () => {
    const before = upstreamCalls();
    const started = Date.now();
    const sends = targets.flatMap((endpoint) => [1, 2, 3].map(async (index) => {
      const answer = await sendRawRequest({ port: port(), path: endpoint.path, headers, size: 50 * 1024 * 1024, chunked: index === 3 });
      const problem = problemOf(endpoint, answer);
      return problem ? `${endpoint.name} #${index}${index === 3 ? ' (chunked)' : ''}: ${problem}` : undefined;
    }));
    const problems = (await Promise.all(sends)).filter(Boolean);
    expect(problems).toEqual([]);
    expect(upstreamCalls()).toBe(before);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect((await send('/v1/chat/completions', JSON.stringify(clientEndpoints[0]?.body))).status).toBe(200);
  }, 60_000);

  it('the connection stays usable after a drained refusal (keep-alive: the next request on it is served)', async () => {
    const { Client } = await import('undici');
    const client = new Client(world.proxy.origin, { pipelining: 0 });
    try {
      const refused = await client.request({ path: '/v1/messages', method: 'POST', headers, body: Buffer.alloc(5 * 1024 * 1024, 0x20) });
      expect(refused.statusCode).toBe(413);
      expect(isClientErrorBody('anthropic', await refused.body.json())).toBe(true);
      const served = await client.request({ path: '/v1/messages', method: 'POST', headers, body: JSON.stringify(targets.find((endpoint) => endpoint.name === 'messages')?.body) });
      expect(served.statusCode).toBe(200);
      await served.body.dump();
    } finally {
      await client.close();
    }
  });
});

describe('deeply nested JSON (100k levels) does not overflow the engine stack', () => {
  const depth = 100_000;
  const deepArray = `${'['.repeat(depth)}${']'.repeat(depth)}`;
  const deepObject = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

  it.each(clientEndpoints)('$name: nested in an extra field and in the tool schema', async (endpoint) => {
    const valid = JSON.stringify(endpoint.body);
    for (const deep of [deepArray, deepObject]) {
      const answer = await send(endpoint.path, valid.replace(/^\{/, `{"metadata_deep":${deep},`));
      // Dropped on translation (200) or refused: never a 5xx, never forwarded after a refusal.
      if (answer.status !== 200) expect(refusalProblem(endpoint, answer)).toBeUndefined();
    }
    const schemaKey = valid.includes('"input_schema"') ? 'input_schema' : valid.includes('"parameters"') ? 'parameters' : undefined;
    if (schemaKey) {
      const answer = await send(endpoint.path, valid.replace(`"${schemaKey}":{"type":"object","properties":{}}`, `"${schemaKey}":${deepObject}`));
      expect(answer.status).toBe(400);
      expect(refusalProblem(endpoint, answer)).toBeUndefined();
      expect(answer.text).toContain('nested too deeply');
    }
    expect((await request(`${world.proxy.origin}/healthz`)).statusCode).toBe(200);
  });

  it('regression: a deep tool schema on a pass-through chat request is a 400, not a 500 with an error log', async () => {
    const before = world.proxy.logLines().filter((line) => line.level === 50).length;
    const body = JSON.stringify(clientEndpoints[0]?.body).replace('"parameters":{"type":"object","properties":{}}', `"parameters":${deepObject}`);
    const answer = await send('/v1/chat/completions', body);
    expect(answer).toMatchObject({ status: 400, reached: 0 });
    expect(world.proxy.logLines().filter((line) => line.level === 50)).toHaveLength(before);
  });
});

describe('text that is not clean UTF-8 is tolerated, never a crash', () => {
  const invalidUtf8 = Buffer.concat([Buffer.from('{"model":"f-chat","messages":[{"role":"user","content":"a'), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('z"}]}')]);
  it('invalid UTF-8 bytes reach the upstream as U+FFFD', async () => {
    world.reset();
    const answer = await send('/v1/chat/completions', invalidUtf8);
    expect(answer.status).toBe(200);
    expect(JSON.stringify(world.openai.requests[0]?.body)).toContain('\uFFFD');
  });

  it.each(clientEndpoints.filter((endpoint) => endpoint.protocol !== 'gemini'))('$name: a lone surrogate escape', async (endpoint) => {
    const answer = await send(endpoint.path, JSON.stringify(endpoint.body).replace('"hi"', '"\\ud800 hi"'));
    expect(answer.status).toBe(200);
  });
});

describe('SDK-only fields of replayed message objects', () => {
  it('regression: parsed, annotations: null, tool-call index and parsed_arguments were forwarded to an OpenAI-compatible upstream', async () => {
    world.reset();
    const toolCall = { index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a":1}', parsed_arguments: { a: 1 } } };
    const replayed = { role: 'assistant', content: null, refusal: null, annotations: null, audio: null, function_call: null, parsed: null, tool_calls: [toolCall], reasoning_content: 'kept' };
    const body = { model: 'f-chat', messages: [{ role: 'user', content: 'hi' }, replayed, { role: 'tool', tool_call_id: 'call_1', content: 'ok' }] };
    expect((await send('/v1/chat/completions', JSON.stringify(body))).status).toBe(200);
    const forwarded = (world.openai.requests[0]?.body as { messages: Array<Record<string, unknown>> }).messages[1];
    expect(forwarded).toEqual({ role: 'assistant', content: null, refusal: null, audio: null, function_call: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }], reasoning_content: 'kept' });
  });

  it('regression: parsed output_text and parsed_arguments replayed as Responses input were forwarded upstream', async () => {
    world.reset();
    const input = [
      { role: 'user', content: 'hi' },
      { type: 'message', id: 'msg_1', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: '{"a":1}', annotations: [], parsed: { a: 1 } }] },
      { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'f', arguments: '{"a":1}', parsed_arguments: { a: 1 }, status: 'completed' },
      { type: 'function_call_output', call_id: 'call_1', output: 'ok' },
    ];
    expect((await send('/v1/responses', JSON.stringify({ model: 'f-resp', input }))).status).toBe(200);
    const forwarded = JSON.stringify(world.responses.requests[0]?.body);
    expect(forwarded).not.toContain('parsed');
    expect(forwarded).toContain('"annotations":[]');
    expect(forwarded).toContain('"call_id":"call_1"');
  });
});

describe('unknown models', () => {
  it.each(clientEndpoints)('$name -> 404 in its own format, nothing forwarded', async (endpoint) => {
    const path = endpoint.path.replace('f-gemini', 'no-such-model');
    const body = JSON.stringify({ ...endpoint.body, ...('model' in endpoint.body ? { model: 'no-such-model' } : {}) });
    const answer = await send(path, body);
    expect(answer.status).toBe(404);
    expect(refusalProblem(endpoint, answer)).toBeUndefined();
  });
});

describe('oversized headers', () => {
  it('a 100 kB header is refused with 431 and the next request is served', async () => {
    const refused = await send('/v1/chat/completions', JSON.stringify(clientEndpoints[0]?.body), { 'x-padding': 'a'.repeat(100_000) }).catch((error: unknown) => error);
    // Node answers 431 before routing (or resets the socket); either way nothing is forwarded.
    if (!(refused instanceof Error)) expect(refused).toMatchObject({ status: 431, reached: 0 });
    expect((await send('/v1/chat/completions', JSON.stringify(clientEndpoints[0]?.body))).status).toBe(200);
  });

  it.each(clientEndpoints)('regression: oversized headers got fastify\'s JSON 431: $name reads a 431 in its own format', async (endpoint) => {
    const headers = { authorization: `Bearer ${testClientKey}`, 'content-type': 'application/json', 'x-padding': 'a'.repeat(100_000) };
    const answer = await sendRawRequest({ port: Number(new URL(world.proxy.origin).port), path: endpoint.path, headers, size: 1024 });
    expect(answer.error).toBeUndefined();
    expect(answer.status).toBe(431);
    expect(refusalProblem(endpoint, { status: 431, text: answer.body, headers: answer.headers, reached: 0 })).toBeUndefined();
  });
});

describe('management routes from a browser on another origin', () => {
  const paths = ['/v0/management/config', '/v0/management/auth-files', '/v0/management/control/status', '/v0/management/control/events'];

  it.each(paths)('%s: no CORS grant on the preflight or the answer, even with the right key', async (path) => {
    const preflight = await request(`${world.proxy.origin}${path}`, {
      method: 'OPTIONS',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    await preflight.body.dump();
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-headers']).toBeUndefined();
    const answer = await request(`${world.proxy.origin}${path}`, { method: path.includes('control/status') ? 'POST' : 'GET', headers: { origin: 'http://evil.example', authorization: `Bearer ${managementKey}` }, ...(path.includes('control/status') ? { body: '{}', headers: { origin: 'http://evil.example', authorization: `Bearer ${managementKey}`, 'content-type': 'application/json' } } : {}) });
    if (path.endsWith('/events')) answer.body.destroy();
    else await answer.body.dump();
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    expect(answer.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it.each([
    '/v0/%6danagement/config',
    '/v0/MANAGEMENT/config',
    '//v0/management/config',
    '/v0//management/config',
    '/v1/../v0/management/config',
    '/v1/%2e%2e/v0/management/config',
    '/v0/management/config?x=/v1/',
  ])('%s without the key never answers the config', async (path) => {
    const answer = await request(`${world.proxy.origin}${path}`, { headers: { origin: 'http://evil.example' } });
    const text = await answer.body.text();
    expect(answer.statusCode).not.toBe(200);
    expect(text).not.toContain('api-keys');
    expect(text).not.toContain(testClientKey);
  });

  it('a forged Host is refused on management routes even with the key (DNS rebinding)', async () => {
    const answer = await request(`${world.proxy.origin}/v0/management/config`, { headers: { host: 'evil.example', authorization: `Bearer ${managementKey}` } });
    expect(answer.statusCode).toBe(403);
    expect(await answer.body.text()).not.toContain(testClientKey);
  });
});

describe('brute force of the management key over real sockets', () => {
  it('regression: 20 concurrent guesses: at most 5 are judged, the rest and then the right key are banned; inference is unaffected', async () => {
    const proxy = await startTestEngine({ 'remote-management': { 'secret-key': 'the-real-management-key' } });
    try {
      const guess = async (key: string) => {
        const response = await request(`${proxy.origin}/v0/management/config`, { headers: { authorization: `Bearer ${key}` } });
        return { status: response.statusCode, text: await response.body.text() };
      };
      const answers = await Promise.all(Array.from({ length: 20 }, (_unused, index) => guess(`guess-${index}`)));
      expect(answers.filter((answer) => answer.status === 401).length).toBeLessThanOrEqual(5);
      expect(answers.filter((answer) => answer.status === 403).length).toBeGreaterThanOrEqual(15);
      expect(await guess('the-real-management-key')).toMatchObject({ status: 403, text: expect.stringContaining('IP banned') });
      const chat = await request(`${proxy.baseUrl}/models`, { headers: { authorization: `Bearer ${testClientKey}` } });
      expect(chat.statusCode).toBe(200);
      await chat.body.dump();
      for (const answer of answers) expect(answer.text).not.toContain('the-real-management-key');
    } finally {
      await proxy.close();
    }
  });
});

describe('path traversal in auth-file names (generated)', () => {
  const traversalNames = [
    '../outside.json',
    '..%2Foutside.json',
    '..\\outside.json',
    'sub/../../outside.json',
    '/tmp/outside.json',
    '%2Ftmp%2Foutside.json',
    '....//outside.json',
    'outside.json%00.json',
    '.',
    '..',
    '',
  ];

  it('download, upload, delete and status patch refuse every name that leaves the auth-dir', async () => {
    const proxy = await startTestEngine({ 'remote-management': { 'secret-key': managementKey } }, { authFiles: { 'claude-a.json': { type: 'claude', access_token: 'tok-a', refresh_token: 'ref-a' } } });
    const outside = join(proxy.authDir, '..', 'outside.json');
    await writeFile(outside, '{"type":"claude","sentinel":true}');
    try {
      const call = async (method: string, path: string, body?: unknown) => {
        const response = await request(`${proxy.origin}/v0/management${path}`, {
          method: method as 'GET',
          headers: { authorization: `Bearer ${managementKey}`, 'content-type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        return { status: response.statusCode, text: await response.body.text() };
      };
      const problems: string[] = [];
      for (const name of traversalNames) {
        const query = name.includes('%') ? name : encodeURIComponent(name);
        const attempts = [
          ['download', await call('GET', `/auth-files/download?name=${query}`)],
          ['upload', await call('POST', `/auth-files?name=${query}`, { type: 'claude', access_token: 'evil' })],
          ['delete', await call('DELETE', `/auth-files?name=${query}`)],
          ['patch', await call('PATCH', '/auth-files/status', { name: decodeURIComponent(query), disabled: true })],
        ] as const;
        for (const [action, answer] of attempts) {
          if (answer.status < 400 || answer.status >= 500) problems.push(`${action} ${JSON.stringify(name)}: ${answer.status}`);
          if (answer.text.includes('sentinel')) problems.push(`${action} ${JSON.stringify(name)}: leaked the outside file`);
        }
      }
      expect(problems.join('\n')).toBe('');
      expect(await readFile(outside, 'utf8')).toBe('{"type":"claude","sentinel":true}');
      expect(JSON.parse(await readFile(join(proxy.authDir, 'claude-a.json'), 'utf8'))).not.toHaveProperty('disabled');
      // Decoded once, a double-encoded slash is just a character of a name inside the auth-dir.
      expect((await call('POST', '/auth-files?name=..%252Foutside.json', { type: 'claude', access_token: 'odd' })).status).toBe(200);
      expect(await readFile(join(proxy.authDir, '..%2Foutside.json'), 'utf8')).toContain('odd');
      expect(await readFile(outside, 'utf8')).toBe('{"type":"claude","sentinel":true}');
    } finally {
      await proxy.close();
    }
  });
});

describe('the engine survived all of the above', () => {
  it('still serves every endpoint and logged no internal error', async () => {
    for (const endpoint of clientEndpoints) expect((await send(endpoint.path, JSON.stringify(endpoint.body))).status, endpoint.name).toBe(200);
    const internal = world.proxy.logLines().filter((line) => line.level === 50);
    expect(internal.map((line) => `${String(line.msg)} ${String(line.route)}`)).toEqual([]);
  });
});
