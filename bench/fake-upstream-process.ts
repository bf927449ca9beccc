/**
 * Child entry: the fake OpenAI-compatible upstream (chat completions) the floor and the engine forward to.
 * With `--slow-streams N --chunk-delay-ms D` its first N requests stream their deltas D ms apart (the
 * idle-streams load check holds them open).
 */
import { startFakeOpenAIUpstream } from '../test/fakes/fake-openai-upstream';
import { BENCH_REPLY, BENCH_REPLY_CHUNKS, FAKE_KEEPALIVE_MS } from './bench-wires';
import { readArgument, runChildProcess } from './child-runtime';

runChildProcess(async () => {
  const fake = await startFakeOpenAIUpstream({ name: 'bench', content: BENCH_REPLY, chunks: BENCH_REPLY_CHUNKS, keepAliveTimeoutMs: FAKE_KEEPALIVE_MS });
  if (process.argv.includes('--slow-streams')) {
    const chunkDelayMs = Number(readArgument('chunk-delay-ms'));
    fake.enqueue(...Array.from({ length: Number(readArgument('slow-streams')) }, () => ({ kind: 'slow-stream' as const, chunks: BENCH_REPLY_CHUNKS, chunkDelayMs })));
  }
  // The fake's baseUrl already ends in /v1.
  return { url: fake.baseUrl, stop: () => fake.close() };
});
