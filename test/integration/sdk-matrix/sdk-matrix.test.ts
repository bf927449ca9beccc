import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../start-test-engine';
import { createMatrixClients } from './matrix-clients';
import { startMatrixUpstreams, type MatrixUpstream } from './matrix-upstreams';

/**
 * Every official SDK against every upstream wire through one engine (issue 3): plain text, streaming,
 * a tool call (stream and not), and an image. The SDKs must parse every response and stream.
 */
let upstreams: MatrixUpstream[] = [];
let proxy: TestEngine;

beforeAll(async () => {
  upstreams = await startMatrixUpstreams();
  proxy = await startTestEngine(Object.assign({}, ...upstreams.map((upstream) => upstream.config)) as Record<string, unknown>);
});

afterAll(async () => {
  await proxy?.close();
  await Promise.all(upstreams.map((upstream) => upstream.close()));
});

const clientNames = ['openai chat', 'openai responses', 'anthropic', 'gemini'];
const upstreamKinds = ['openai-chat', 'anthropic', 'gemini', 'responses'] as const;

describe.each(clientNames)('%s client', (clientName) => {
  const client = () => {
    const found = createMatrixClients(proxy.origin).find((candidate) => candidate.name === clientName);
    if (!found) throw new Error(clientName);
    return found;
  };
  const upstream = (kind: string) => upstreams.find((candidate) => candidate.kind === kind) as MatrixUpstream;

  describe.each(upstreamKinds)('-> %s upstream', (kind) => {
    it('answers plain text', async () => {
      const reply = await client().send(upstream(kind).model, { stream: false });
      expect(reply.text).toBe(upstream(kind).greeting);
    });

    it('streams text', async () => {
      const reply = await client().send(upstream(kind).model, { stream: true });
      expect(reply.text).toBe(upstream(kind).greeting);
    });

    it('returns a tool call', async () => {
      const reply = await client().send(upstream(kind).model, { stream: false, tools: true });
      expect(reply.toolCalls).toHaveLength(1);
      expect(reply.toolCalls[0]?.name).toBe('get_weather');
      expect(typeof reply.toolCalls[0]?.arguments.city).toBe('string');
    });

    it('streams a tool call', async () => {
      const reply = await client().send(upstream(kind).model, { stream: true, tools: true });
      expect(reply.toolCalls.map((call) => call.name)).toEqual(['get_weather']);
      expect(typeof reply.toolCalls[0]?.arguments.city).toBe('string');
    });

    it('carries an image to the upstream in its own shape', async () => {
      const before = upstream(kind).requests.length;
      const reply = await client().send(upstream(kind).model, { stream: false, image: true });
      expect(reply.text).toBe(upstream(kind).greeting);
      const seen = upstream(kind).requests.slice(before).find((request) => request.method === 'POST');
      expect(upstream(kind).sawImage(seen?.body)).toBe(true);
    });
  });
});
