/**
 * The options the counting runs share (`bench:instructions`, `bench:syscalls`): how many windows of how
 * many requests, after how much warm-up, at how many connections, over which scenarios.
 */
export interface CountedRunOptions {
  rounds: number;
  requests: number;
  warmupRequests: number;
  connections: number;
  only: string | undefined;
  streamsOnly: boolean;
}

/** parseArgs options of a counting run, with its own defaults. */
export function countedRunArgs(defaults: { rounds: number; requests: number; warmup: number }) {
  return {
    rounds: { type: 'string', default: String(defaults.rounds) },
    requests: { type: 'string', default: String(defaults.requests) },
    warmup: { type: 'string', default: String(defaults.warmup) },
    connections: { type: 'string', default: '16' },
    only: { type: 'string' },
    streams: { type: 'boolean', default: false },
  } as const;
}

/** What parseArgs read with countedRunArgs, checked. */
export function readCountedRunOptions(values: { rounds: string; requests: string; warmup: string; connections: string; only?: string | undefined; streams: boolean }): CountedRunOptions {
  return {
    rounds: integerOption(values.rounds, 'rounds', 1, 51),
    requests: integerOption(values.requests, 'requests', 10, 100_000),
    warmupRequests: integerOption(values.warmup, 'warmup', 0, 100_000),
    connections: integerOption(values.connections, 'connections', 1, 256),
    only: values.only,
    streamsOnly: values.streams,
  };
}

function integerOption(text: string, name: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`--${name} must be an integer ${min}..${max}`);
  return value;
}
