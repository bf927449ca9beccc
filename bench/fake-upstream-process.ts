/** Child entry: the fake OpenAI-compatible upstream (chat completions) the floor and the engine forward to. */
import { startFakeOpenAIUpstream } from '../test/fakes/fake-openai-upstream';
import { BENCH_REPLY, BENCH_REPLY_CHUNKS } from './bench-wires';
import { runChildProcess } from './child-runtime';

runChildProcess(async () => {
  const fake = await startFakeOpenAIUpstream({ name: 'bench', content: BENCH_REPLY, chunks: BENCH_REPLY_CHUNKS });
  // The fake's baseUrl already ends in /v1.
  return { url: fake.baseUrl, stop: () => fake.close() };
});
