import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { countedRunArgs, readCountedRunOptions } from './counted-run-options';

const read = (args: string[]) => readCountedRunOptions(parseArgs({ args, options: countedRunArgs({ rounds: 3, requests: 200, warmup: 500 }) }).values);

describe('counting run options', () => {
  it("takes the runner's defaults and what is given", () => {
    expect(read([])).toEqual({ rounds: 3, requests: 200, warmupRequests: 500, connections: 16, only: undefined, streamsOnly: false });
    expect(read(['--rounds', '7', '--warmup', '0', '--only', 'openai-chat ->', '--streams'])).toMatchObject({ rounds: 7, warmupRequests: 0, only: 'openai-chat ->', streamsOnly: true });
  });

  it('refuses counts that are not integers in range', () => {
    expect(() => read(['--requests', '5'])).toThrow('--requests must be an integer 10..100000');
    expect(() => read(['--connections', '1.5'])).toThrow('--connections must be an integer 1..256');
  });
});
