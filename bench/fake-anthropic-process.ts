/** Child entry: the fake Anthropic Messages upstream the floor and the engine forward to. */
import { startFakeAnthropicUpstream } from '../test/fakes/fake-anthropic-upstream';
import { BENCH_REPLY, BENCH_REPLY_CHUNKS, FAKE_KEEPALIVE_MS } from './bench-wires';
import { runChildProcess } from './child-runtime';

runChildProcess(async () => {
  const fake = await startFakeAnthropicUpstream({ name: 'bench', content: BENCH_REPLY, chunks: BENCH_REPLY_CHUNKS, keepAliveTimeoutMs: FAKE_KEEPALIVE_MS });
  // The fake's baseUrl is the origin (routes under /v1); children report the API base with /v1.
  return { url: `${fake.baseUrl}/v1`, stop: () => fake.close() };
});
