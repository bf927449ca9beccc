import { describe, expect, it } from 'vitest';
import type { FinishReason, WireFormat } from '../../src-proxy/canonical/index';
import { ProxyError, type ProxyErrorCode } from '../../src-proxy/errors/proxy-error';
import { getClientCodec } from '../../src-proxy/protocols/codec-registry';
import type { ClientCodec } from '../../src-proxy/protocols/wire-codec';
import { streamInvariantViolations } from './check-stream-invariants';
import {
  canonicalResponses,
  finishReasons,
  finishSequence,
  parseSse,
  responseRoundTrip,
  responseWithFinish,
  streamRoundTrip,
  streamSequences,
  summarizeResponse,
  summarizeStream,
  wires,
  type Summary,
} from './conformance-support';

/**
 * Protocol conformance, generic over the codec registry (src-proxy/protocols/codec-registry.ts): for
 * every wire W, what W's CLIENT encoders write must be read back by W's UPSTREAM decoders with nothing
 * lost but what the table below documents. The hub promises that a wire's two halves agree; this
 * suite holds every wire to it. A new wire is covered by adding it to WireFormat and the registry (the
 * compiler then asks for its row in `wires` and in the tables below).
 *
 * Then every ProxyErrorCode through every client codec's renderError / renderStreamError.
 */

type Path = 'stream' | 'json';

/**
 * Documented lossy exceptions: what a wire cannot carry, applied to the expected summary. Anything
 * else that does not survive a round trip is a bug.
 */
const lossyExceptions: Array<{ wire: WireFormat; paths: Path[]; field: string; reason: string; apply: (expected: Summary) => void }> = [
  {
    wire: 'openai-chat',
    paths: ['stream', 'json'],
    field: 'reasoning signatures',
    reason: 'OpenAI Chat has no field for a reasoning signature (reasoning_content is text only)',
    apply: (expected) => {
      expected.signatures = [];
    },
  },
  {
    wire: 'openai-chat',
    paths: ['stream'],
    field: 'error.status',
    reason: 'the in-stream Chat error is {message,type,code} without a status; type server_error reads back as 500',
    apply: (expected) => {
      if (expected.error) expected.error.status = 500;
    },
  },
  {
    wire: 'openai-responses',
    paths: ['stream'],
    field: 'error.status',
    reason: 'response.failed carries an error code, not a status; a code without a known status reads back as 500',
    apply: (expected) => {
      if (expected.error) expected.error.status = 500;
    },
  },
  {
    wire: 'anthropic-messages',
    paths: ['stream', 'json'],
    field: 'usage.reasoningTokens',
    reason: 'Anthropic usage has no thinking-token count (thinking is part of output_tokens)',
    apply: (expected) => {
      if (expected.usage) expected.usage.reasoningTokens = undefined;
    },
  },
];

function expectedSummary(wire: WireFormat, path: Path, original: Summary): Summary {
  const expected = structuredClone(original);
  for (const exception of lossyExceptions) if (exception.wire === wire && exception.paths.includes(path)) exception.apply(expected);
  return expected;
}

/** How each canonical finish reason comes back through each wire; a row differing from its reason is lossy. */
type FinishOutcome = FinishReason | 'error-part' | 'throws';
const finishTable: Record<WireFormat, Record<FinishReason, { stream: FinishOutcome; json: FinishOutcome; reason?: string }>> = {
  'openai-chat': {
    stop: { stream: 'stop', json: 'stop' },
    length: { stream: 'length', json: 'length' },
    'tool-calls': { stream: 'tool-calls', json: 'tool-calls' },
    'content-filter': { stream: 'content-filter', json: 'content-filter' },
    error: { stream: 'stop', json: 'stop', reason: 'finish_reason has no error value; an ended stream reads as stop' },
    other: { stream: 'stop', json: 'stop', reason: 'finish_reason has no other value' },
  },
  'openai-responses': {
    stop: { stream: 'stop', json: 'stop' },
    length: { stream: 'length', json: 'length' },
    'tool-calls': { stream: 'tool-calls', json: 'tool-calls', reason: 'status completed; tool-calls is inferred from the function_call items' },
    'content-filter': { stream: 'content-filter', json: 'content-filter' },
    error: { stream: 'error-part', json: 'throws', reason: 'status failed: response.failed is an error event / a failed body is an upstream error, not a finish' },
    other: { stream: 'stop', json: 'stop', reason: 'status completed has no finer reason' },
  },
  'anthropic-messages': {
    stop: { stream: 'stop', json: 'stop' },
    length: { stream: 'length', json: 'length' },
    'tool-calls': { stream: 'tool-calls', json: 'tool-calls' },
    'content-filter': { stream: 'content-filter', json: 'content-filter', reason: 'sent as stop_reason refusal' },
    error: { stream: 'stop', json: 'stop', reason: 'stop_reason has no error value; sent as end_turn' },
    other: { stream: 'stop', json: 'stop', reason: 'stop_reason has no other value; sent as end_turn' },
  },
  gemini: {
    stop: { stream: 'stop', json: 'stop' },
    length: { stream: 'length', json: 'length' },
    'tool-calls': { stream: 'tool-calls', json: 'tool-calls', reason: 'Gemini says STOP after calls; tool-calls is inferred from the functionCall parts' },
    'content-filter': { stream: 'content-filter', json: 'content-filter', reason: 'sent as SAFETY' },
    error: { stream: 'other', json: 'other', reason: 'finishReason has no error value; sent as OTHER' },
    other: { stream: 'other', json: 'other' },
  },
};

function streamOutcome(summary: Summary): FinishOutcome | undefined {
  return summary.error ? 'error-part' : summary.finish;
}

function jsonOutcome(wire: WireFormat, reason: FinishReason): FinishOutcome | undefined {
  try {
    return responseRoundTrip(wire, responseWithFinish(reason)).finish.reason;
  } catch {
    return 'throws';
  }
}

describe.each(wires)('wire %s: client encoders read back by its own upstream decoders', (wire) => {
  const sequences = streamSequences(wire);

  it.each(Object.keys(sequences))('stream round trip keeps the invariants and the content: %s', (name) => {
    const parts = sequences[name] ?? [];
    expect(streamInvariantViolations(parts), 'the fixture itself').toEqual([]);
    const { text, decoded } = streamRoundTrip(wire, parts);
    expect(text.length, 'the client encoder wrote something').toBeGreaterThan(0);
    expect(streamInvariantViolations(decoded)).toEqual([]);
    expect(summarizeStream(decoded)).toEqual(expectedSummary(wire, 'stream', summarizeStream(parts)));
  });

  const responses = canonicalResponses(wire);
  it.each(Object.keys(responses))('non-stream round trip keeps content, finish and usage: %s', (name) => {
    const response = responses[name];
    if (!response) throw new Error(`no response ${name}`);
    const decoded = responseRoundTrip(wire, response);
    expect(summarizeResponse(decoded)).toEqual(expectedSummary(wire, 'json', summarizeResponse(response)));
  });

  it.each(finishReasons)('finish reason %s round-trips as the table says (stream and non-stream)', (reason) => {
    const expected = finishTable[wire][reason];
    const { decoded } = streamRoundTrip(wire, finishSequence(reason));
    expect(streamInvariantViolations(decoded)).toEqual([]);
    expect({ stream: streamOutcome(summarizeStream(decoded)), json: jsonOutcome(wire, reason) }).toEqual({ stream: expected.stream, json: expected.json });
  });
});

describe('lossy tables', () => {
  it('give a reason for every lossy finish-reason row', () => {
    const unexplained = wires.flatMap((wire) =>
      finishReasons.filter((reason) => {
        const row = finishTable[wire][reason];
        return (row.stream !== reason || row.json !== reason) && !row.reason;
      }).map((reason) => `${wire}/${reason}`),
    );
    expect(unexplained).toEqual([]);
  });
});

// ---- errors: every ProxyErrorCode through every client codec ------------------------------------

/** A typical status per code (docs/errors.md); `satisfies` makes a new code a compile error until listed. */
const statusByCode = {
  PX_INVALID_REQUEST: 400,
  PX_BODY_TOO_LARGE: 413,
  PX_NOT_FOUND: 404,
  PX_NO_ROUTE: 404,
  PX_AUTH_REQUIRED: 401,
  PX_AUTH_INVALID: 401,
  PX_NO_CREDENTIAL: 503,
  PX_CREDENTIAL_EXPIRED: 403,
  PX_COOLDOWN: 429,
  PX_UPSTREAM_HTTP: 502,
  PX_UPSTREAM_NETWORK: 502,
  PX_UPSTREAM_PROTOCOL: 502,
  PX_CLIENT_ABORTED: 499,
  PX_INTERNAL: 500,
} satisfies Record<ProxyErrorCode, number>;
const errorCodes = Object.keys(statusByCode) as ProxyErrorCode[];

/** Every client protocol of the registry, and the error shape its clients parse. */
type ErrorShape = 'openai' | 'anthropic' | 'gemini';
const errorShapeByClient = {
  'openai-chat': 'openai',
  'openai-completions': 'openai',
  'openai-responses': 'openai',
  'anthropic-messages': 'anthropic',
  gemini: 'gemini',
} satisfies Record<ClientCodec['id'], ErrorShape>;
const clientIds = Object.keys(errorShapeByClient) as Array<ClientCodec['id']>;

/** Error bodies as each upstream vendor sends them (passed through or re-expressed by the renderers). */
const upstreamErrorBodies: Record<WireFormat, { status: number; body: unknown }> = {
  'openai-chat': { status: 429, body: { error: { message: 'Rate limit reached for requests', type: 'requests', param: null, code: 'rate_limit_exceeded' } } },
  'openai-responses': { status: 401, body: { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } } },
  'anthropic-messages': { status: 529, body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' }, request_id: 'req_011CVconformance' } },
  gemini: { status: 429, body: { error: { code: 429, message: 'Resource has been exhausted (e.g. check quota).', status: 'RESOURCE_EXHAUSTED' } } },
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The protocol's error envelope: OpenAI {error:{message,type}}, Anthropic {type:'error',error:{type,message}}, Gemini {error:{code,message,status}}. */
function shapeProblems(shape: ErrorShape, body: unknown, status: number): string[] {
  if (!isRecord(body) || !isRecord(body['error'])) return ['no error object'];
  const error = body['error'];
  const problems: string[] = [];
  const needString = (key: string) => {
    if (typeof error[key] !== 'string' || error[key] === '') problems.push(`error.${key} is not a non-empty string`);
  };
  needString('message');
  if (shape === 'openai') needString('type');
  if (shape === 'anthropic') {
    needString('type');
    if (body['type'] !== 'error') problems.push("type is not 'error'");
  }
  if (shape === 'gemini') {
    needString('status');
    if (error['code'] !== status) problems.push(`error.code ${String(error['code'])} is not the HTTP status ${status}`);
  }
  return problems;
}

function errorFor(code: ProxyErrorCode): ProxyError {
  return new ProxyError({ code, message: `Example failure (${code}): the request could not be served.`, httpStatus: statusByCode[code], details: { param: 'model' } });
}

/** A stack frame (`    at fn (file.ts:1:2)`) or any line of the error's own stack must never reach a client. */
function leaksStack(body: string, error: ProxyError): boolean {
  const frames = (error.stack ?? '').split('\n').slice(1).map((line) => line.trim()).filter(Boolean);
  return /\n\s+at\s/.test(body) || /\.ts:\d+:\d+/.test(body) || frames.some((frame) => body.includes(frame));
}

describe.each(clientIds)('client %s renders every ProxyErrorCode', (clientId) => {
  const codec = getClientCodec(clientId);
  const shape = errorShapeByClient[clientId];

  it.each(errorCodes)('%s: JSON in the protocol error shape, with its status, no stack trace', (code) => {
    const error = errorFor(code);
    const rendered = codec.renderError(error);
    expect(rendered.status).toBe(error.httpStatus);
    expect(rendered.headers['content-type']).toMatch(/^application\/json/);
    const body: unknown = JSON.parse(rendered.body);
    expect(shapeProblems(shape, body, error.httpStatus)).toEqual([]);
    expect(rendered.body).toContain('Example failure');
    expect(leaksStack(rendered.body, error)).toBe(false);
  });

  it.each(errorCodes)('%s: renderStreamError is SSE with at least one event carrying the error', (code) => {
    const error = errorFor(code);
    const text = codec.renderStreamError(error);
    const events = parseSse(text);
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(events[0]?.data).toContain('Example failure');
    expect(() => JSON.parse(events[0]?.data ?? '')).not.toThrow();
    expect(leaksStack(text, error)).toBe(false);
  });

  it.each(wires)('an upstream HTTP error body of %s renders in the client protocol shape', (upstream) => {
    const { status, body } = upstreamErrorBodies[upstream];
    const error = new ProxyError({
      code: 'PX_UPSTREAM_HTTP',
      message: 'Upstream returned an error.',
      httpStatus: status,
      upstreamStatus: status,
      upstreamBody: JSON.stringify(body),
      upstreamWire: upstream,
      retryAfterSeconds: 7,
    });
    const rendered = codec.renderError(error);
    expect(rendered.status).toBe(status);
    expect(rendered.headers['retry-after']).toBe('7');
    expect(shapeProblems(shape, JSON.parse(rendered.body) as unknown, status)).toEqual([]);
  });
});
