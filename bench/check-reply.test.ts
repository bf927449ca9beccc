import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAnthropicUpstream, type FakeAnthropicUpstream } from '../test/fakes/fake-anthropic-upstream';
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream } from '../test/fakes/fake-openai-upstream';
import { BENCH_REPLY, BENCH_REPLY_CHUNKS } from './bench-wires';
import { replyCheck, sseData } from './check-reply';
import { buildScenarios, type BenchScenario } from './scenarios';

/** The reply checks against the real fakes (as the bench children run them), and against broken replies. */
describe('bench reply checks', () => {
  let openai: FakeOpenAIUpstream;
  let anthropic: FakeAnthropicUpstream;
  const replies = new Map<string, { status: number; body: string }>();
  // One scenario per client request shape; the fakes ignore the model alias.
  const shapes = [...new Map(buildScenarios([1]).map((scenario) => [`${scenario.client} ${scenario.stream}`, scenario])).values()];

  beforeAll(async () => {
    openai = await startFakeOpenAIUpstream({ name: 'bench', content: BENCH_REPLY, chunks: BENCH_REPLY_CHUNKS });
    anthropic = await startFakeAnthropicUpstream({ name: 'bench', content: BENCH_REPLY, chunks: BENCH_REPLY_CHUNKS });
    for (const scenario of shapes) {
      const origin = scenario.client === 'openai-chat' ? openai.baseUrl.replace(/\/v1$/, '') : anthropic.baseUrl;
      const response = await request(origin + scenario.path, { method: scenario.method, headers: scenario.headers, body: scenario.body });
      replies.set(key(scenario), { status: response.statusCode, body: await response.body.text() });
    }
  });

  afterAll(async () => {
    await openai.close();
    await anthropic.close();
  });

  const key = (scenario: BenchScenario): string => `${scenario.client} ${scenario.stream ? 'stream' : 'json'}`;
  const reply = (scenario: BenchScenario): { status: number; body: string } => {
    const found = replies.get(key(scenario));
    if (found === undefined) throw new Error(`no reply for ${key(scenario)}`);
    return found;
  };

  it('covers the four client request shapes', () => {
    expect(shapes.map(key).sort()).toEqual(['anthropic-messages json', 'anthropic-messages stream', 'openai-chat json', 'openai-chat stream']);
  });

  it("accepts each fake's reply to its own wire's request", () => {
    for (const scenario of shapes) {
      const { status, body } = reply(scenario);
      expect(scenario.verify(status, body), key(scenario)).toBeUndefined();
      if (scenario.stream) expect(sseData(body).length, key(scenario)).toBeGreaterThanOrEqual(BENCH_REPLY_CHUNKS);
    }
  });

  it('rejects an error status, another wire, a cut stream and a different text', () => {
    for (const scenario of shapes) {
      const { body } = reply(scenario);
      expect(scenario.verify(401, body), key(scenario)).toContain('status 401');
      const otherWire = shapes.find((other) => other.client !== scenario.client && other.stream === scenario.stream);
      if (otherWire !== undefined) expect(scenario.verify(200, reply(otherWire).body), key(scenario)).toBeDefined();
      expect(scenario.verify(200, body.slice(0, Math.floor(body.length / 2))), key(scenario)).toBeDefined();
      expect(replyCheck(scenario.client, scenario.stream, 'another text')(200, body), key(scenario)).toContain('is not the fake');
    }
  });

  it('rejects a stream that carries an error event', () => {
    const check = replyCheck('anthropic-messages', true, 'Hi');
    const event = (data: unknown): string => `event: x\ndata: ${JSON.stringify(data)}\n\n`;
    const ok = [
      event({ type: 'message_start', message: {} }),
      event({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } }),
    ];
    expect(check(200, [...ok, event({ type: 'message_stop' })].join(''))).toBeUndefined();
    expect(check(200, [...ok, event({ type: 'error', error: {} }), event({ type: 'message_stop' })].join(''))).toContain('error event');
  });
});
