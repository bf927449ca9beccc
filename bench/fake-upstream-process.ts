/** Child entry: the fake OpenAI-compatible upstream the floor and the engine forward to. */
import { startFakeOpenAIUpstream } from '../test/fakes/fake-openai-upstream';
import { runChildProcess } from './child-runtime';

// About 60 tokens in 20 deltas: a short, realistic answer, so stream scenarios pay per-chunk costs.
const BENCH_CONTENT =
  'Sure. Here is a short answer that a model could plausibly send back to a client: the proxy ' +
  'forwards each chunk as it arrives, keeps the connection open, and closes it after the final event.';

runChildProcess(async () => {
  const fake = await startFakeOpenAIUpstream({ name: 'bench', content: BENCH_CONTENT, chunks: 20 });
  return { url: fake.baseUrl, stop: () => fake.close() };
});
