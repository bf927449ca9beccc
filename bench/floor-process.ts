/** Child entry: the floor proxy (see floor-proxy.ts). Args: --upstream <baseUrl> --mode stream|request. */
import { readArgument, runChildProcess } from './child-runtime';
import { BENCH_UPSTREAM_KEY } from './engine-config';
import { startFloorProxy } from './floor-proxy';

runChildProcess(async () => {
  const mode = readArgument('mode') === 'request' ? 'request' : 'stream';
  const floor = await startFloorProxy({ upstreamBaseUrl: readArgument('upstream'), upstreamApiKey: BENCH_UPSTREAM_KEY, mode });
  return { url: floor.url, stop: () => floor.close() };
});
