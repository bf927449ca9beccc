/**
 * What the benchmark runs, as data. A scenario is one client request shape against one upstream fake
 * at one concurrency. Add a client protocol or an upstream by adding entries here (and, for a new
 * upstream, a child entry in `benchUpstreams`).
 */
import { BENCH_CLIENT_KEY, BENCH_MODEL } from './engine-config';

export interface BenchUpstream {
  /** Child entry (relative to bench/) that serves the fake and reports `ready` with its base URL. */
  entry: string;
}

export const benchUpstreams = {
  'openai-compatible': { entry: 'fake-upstream-process.ts' },
} satisfies Record<string, BenchUpstream>;

export type BenchUpstreamId = keyof typeof benchUpstreams;

export interface BenchScenario {
  /** e.g. 'openai-chat non-stream c64' */
  id: string;
  upstream: BenchUpstreamId;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body: string;
  connections: number;
  /**
   * Client and upstream speak the same protocol, so the engine should be a pass-through and the
   * CPU target (engine <= 1.3 x floor per request) applies. The floor only forwards bytes, so a
   * translating scenario gets no floor run and no ratio.
   */
  passThrough: boolean;
  /** Smoke check of one response before measuring: undefined when fine, else what is wrong. */
  verify(status: number, body: string): string | undefined;
}

type ScenarioShape = Omit<BenchScenario, 'id' | 'connections'> & { name: string };

const chatMessages = [
  { role: 'system', content: 'You are a concise assistant.' },
  { role: 'user', content: 'Explain in two sentences what a reverse proxy does.' },
];

const jsonHeaders = { authorization: `Bearer ${BENCH_CLIENT_KEY}`, 'content-type': 'application/json' };

const shapes: ScenarioShape[] = [
  {
    name: 'openai-chat non-stream',
    upstream: 'openai-compatible',
    method: 'POST',
    path: '/v1/chat/completions',
    headers: jsonHeaders,
    body: JSON.stringify({ model: BENCH_MODEL, messages: chatMessages }),
    passThrough: true,
    verify: (status, body) =>
      status === 200 && body.includes('"chat.completion"') ? undefined : `status ${status}, body ${body.slice(0, 300)}`,
  },
  {
    name: 'openai-chat stream',
    upstream: 'openai-compatible',
    method: 'POST',
    path: '/v1/chat/completions',
    headers: { ...jsonHeaders, accept: 'text/event-stream' },
    body: JSON.stringify({ model: BENCH_MODEL, messages: chatMessages, stream: true }),
    passThrough: true,
    verify: (status, body) =>
      status === 200 && body.includes('chat.completion.chunk') && body.trimEnd().endsWith('data: [DONE]')
        ? undefined
        : `status ${status}, body ${body.slice(0, 300)}`,
  },
];

export const DEFAULT_CONNECTIONS = [1, 64];

export function buildScenarios(connectionCounts: number[] = DEFAULT_CONNECTIONS): BenchScenario[] {
  return shapes.flatMap(({ name, ...shape }) =>
    connectionCounts.map((connections) => ({ ...shape, id: `${name} c${connections}`, connections })),
  );
}

/** One scenario per shape, for the warm-up run and the smoke check. */
export function buildWarmupScenarios(connections: number): BenchScenario[] {
  return buildScenarios([connections]);
}
