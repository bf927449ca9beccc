/**
 * What the benchmark runs, as data. A scenario is one client request shape (wire, path, headers,
 * body) sent with the model alias of one upstream wire, at one concurrency, with the CPU ratio the
 * engine must meet against the floor. Client wire == upstream wire is a pass-through; otherwise the
 * engine translates. The floor always forwards the same client request to the fake of the CLIENT's
 * wire (it cannot translate), so a translated scenario measures translation against the cheapest
 * proxy that could answer that client at all (see README.md, "Translated scenarios").
 */
import { BENCH_REPLY, benchWires, type BenchWireId } from './bench-wires';
import { replyCheck, type ReplyCheck } from './check-reply';
import { BENCH_CLIENT_KEY } from './engine-config';

/** One client request shape; `body` gets the model alias of the scenario's upstream wire. */
export interface ClientRequest {
  /** The protocol the client speaks; the floor forwards to this wire's fake. */
  wire: BenchWireId;
  stream: boolean;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body(model: string): string;
}

const SYSTEM_PROMPT = 'You are a concise assistant.';
const USER_PROMPT = 'Explain in two sentences what a reverse proxy does.';

const openAIHeaders = { authorization: `Bearer ${BENCH_CLIENT_KEY}`, 'content-type': 'application/json' };
const anthropicHeaders = { 'x-api-key': BENCH_CLIENT_KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' };
const sse = { accept: 'text/event-stream' };

const openAIChat = (model: string, stream: boolean): string =>
  JSON.stringify({
    model,
    messages: [
      { role: 'system', content: SYSTEM_PROMPT },
      { role: 'user', content: USER_PROMPT },
    ],
    ...(stream ? { stream: true } : {}),
  });

const anthropicMessages = (model: string, stream: boolean): string =>
  JSON.stringify({
    model,
    max_tokens: 256,
    system: SYSTEM_PROMPT,
    messages: [{ role: 'user', content: USER_PROMPT }],
    ...(stream ? { stream: true } : {}),
  });

export const clientRequests = {
  'openai-chat non-stream': {
    wire: 'openai-chat',
    stream: false,
    method: 'POST',
    path: '/v1/chat/completions',
    headers: openAIHeaders,
    body: (model) => openAIChat(model, false),
  },
  'openai-chat stream': {
    wire: 'openai-chat',
    stream: true,
    method: 'POST',
    path: '/v1/chat/completions',
    headers: { ...openAIHeaders, ...sse },
    body: (model) => openAIChat(model, true),
  },
  'anthropic-messages non-stream': {
    wire: 'anthropic-messages',
    stream: false,
    method: 'POST',
    path: '/v1/messages',
    headers: anthropicHeaders,
    body: (model) => anthropicMessages(model, false),
  },
  'anthropic-messages stream': {
    wire: 'anthropic-messages',
    stream: true,
    method: 'POST',
    path: '/v1/messages',
    headers: { ...anthropicHeaders, ...sse },
    body: (model) => anthropicMessages(model, true),
  },
} satisfies Record<string, ClientRequest>;

export type ClientRequestName = keyof typeof clientRequests;

/**
 * engine CPU ms/req <= target x floor CPU ms/req, per kind of scenario (issue 16: a pass-through stream
 * pays the floor's forwarding of every event, so its fixed cost must stay small; a non-stream request is
 * almost all fixed cost, on the floor's side too).
 */
export const CPU_TARGETS = {
  passThroughNonStream: 2,
  passThroughStream: 1.15,
  translatedNonStream: 2.5,
  translatedStream: 1.4,
} as const;

export interface ScenarioEntry {
  request: ClientRequestName;
  /** The wire of the fake the engine is routed to (through that wire's model alias). */
  upstream: BenchWireId;
  cpuRatioTarget: number;
  connections: number[];
}

export const DEFAULT_CONNECTIONS = [1, 64];
/**
 * Most scenarios run at 64 connections only: with the translated ones at 1 and 64 the default run took
 * 2 min 40 s on the 2-CPU dev machine (over the ~2.5 min budget). `npm run bench -- --connections 1,64`
 * measures every scenario at both.
 */
export const C64_ONLY = [64];

export const scenarioEntries: ScenarioEntry[] = [
  // Pass-through: the engine should only rewrite model, auth and headers.
  { request: 'openai-chat non-stream', upstream: 'openai-chat', cpuRatioTarget: CPU_TARGETS.passThroughNonStream, connections: DEFAULT_CONNECTIONS },
  { request: 'openai-chat stream', upstream: 'openai-chat', cpuRatioTarget: CPU_TARGETS.passThroughStream, connections: DEFAULT_CONNECTIONS },
  // Issue 16's reference client (Anthropic Messages in), passed through and translated (below).
  { request: 'anthropic-messages non-stream', upstream: 'anthropic-messages', cpuRatioTarget: CPU_TARGETS.passThroughNonStream, connections: C64_ONLY },
  { request: 'anthropic-messages stream', upstream: 'anthropic-messages', cpuRatioTarget: CPU_TARGETS.passThroughStream, connections: C64_ONLY },
  // Translated (issue 3): an Anthropic client on an OpenAI account, and the other way round.
  { request: 'anthropic-messages non-stream', upstream: 'openai-chat', cpuRatioTarget: CPU_TARGETS.translatedNonStream, connections: C64_ONLY },
  { request: 'anthropic-messages stream', upstream: 'openai-chat', cpuRatioTarget: CPU_TARGETS.translatedStream, connections: C64_ONLY },
  { request: 'openai-chat non-stream', upstream: 'anthropic-messages', cpuRatioTarget: CPU_TARGETS.translatedNonStream, connections: C64_ONLY },
  { request: 'openai-chat stream', upstream: 'anthropic-messages', cpuRatioTarget: CPU_TARGETS.translatedStream, connections: C64_ONLY },
];

/** The kinds of scenario, in the order of issue 16's table. */
export const SCENARIO_CATEGORIES = ['pass-through non-stream', 'translated non-stream', 'pass-through stream', 'translated stream'] as const;

export type ScenarioCategory = (typeof SCENARIO_CATEGORIES)[number];

export interface BenchScenario {
  /** The scenario without its concurrency, e.g. 'openai-chat stream' or 'anthropic-messages -> openai-chat stream'. */
  name: string;
  /** e.g. 'openai-chat stream c64' (pass-through), 'anthropic-messages -> openai-chat stream c64' (translated) */
  id: string;
  /** The client's wire: the floor forwards to this wire's fake. */
  client: BenchWireId;
  /** The engine's upstream wire (picked by the model alias in the body). */
  upstream: BenchWireId;
  stream: boolean;
  category: ScenarioCategory;
  /** The engine must use at most this many times the floor's CPU ms per request. */
  cpuRatioTarget: number;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body: string;
  connections: number;
  /** Smoke check of one response before measuring: undefined when fine, else what is wrong. */
  verify: ReplyCheck;
}

export function scenarioName(entry: Pick<ScenarioEntry, 'request' | 'upstream'>): string {
  const request = clientRequests[entry.request];
  if (request.wire === entry.upstream) return entry.request;
  return `${request.wire} -> ${entry.upstream} ${request.stream ? 'stream' : 'non-stream'}`;
}

/** Every entry at each of its connection counts, or at `connectionCounts` when given. */
export function buildScenarios(connectionCounts?: number[], entries: ScenarioEntry[] = scenarioEntries): BenchScenario[] {
  return entries.flatMap((entry) => {
    const request: ClientRequest = clientRequests[entry.request];
    const translated = request.wire !== entry.upstream;
    const name = scenarioName(entry);
    return (connectionCounts ?? entry.connections).map(
      (connections): BenchScenario => ({
        name,
        id: `${name} c${connections}`,
        client: request.wire,
        upstream: entry.upstream,
        stream: request.stream,
        category: `${translated ? 'translated' : 'pass-through'} ${request.stream ? 'stream' : 'non-stream'}`,
        cpuRatioTarget: entry.cpuRatioTarget,
        method: request.method,
        path: request.path,
        headers: request.headers,
        body: request.body(benchWires[entry.upstream].model),
        connections,
        verify: replyCheck(request.wire, request.stream, BENCH_REPLY),
      }),
    );
  });
}

/** One scenario per name among `selected`, at `connections`: the warm-up runs and the smoke checks. */
export function warmupScenarios(selected: readonly BenchScenario[], connections: number): BenchScenario[] {
  const byName = new Map<string, BenchScenario>();
  for (const scenario of selected) {
    if (!byName.has(scenario.name)) byName.set(scenario.name, { ...scenario, id: `${scenario.name} c${connections}`, connections });
  }
  return [...byName.values()];
}

/** The wires whose fakes a set of scenarios needs: the clients' (for the floors) and the engine's upstreams. */
export function wiresUsed(scenarios: readonly BenchScenario[]): { clients: BenchWireId[]; upstreams: BenchWireId[] } {
  return {
    clients: [...new Set(scenarios.map((scenario) => scenario.client))],
    upstreams: [...new Set(scenarios.map((scenario) => scenario.upstream))],
  };
}

/** Issue 16's reference client, what the counting runs (instructions, system calls) take by default. */
export const COUNTED_DEFAULT_CLIENT: BenchWireId = 'anthropic-messages';

/**
 * The scenarios of a counting run at one concurrency: those whose id contains `only`, else the reference
 * client's (pass-through and translated, stream and not); `streamsOnly` keeps the stream ones.
 */
export function selectCountedScenarios(connections: number, only: string | undefined, streamsOnly: boolean): BenchScenario[] {
  const selected = buildScenarios([connections]).filter(
    (scenario) => (only === undefined ? scenario.client === COUNTED_DEFAULT_CLIENT : scenario.id.includes(only)) && (!streamsOnly || scenario.stream),
  );
  if (selected.length === 0) throw new Error(`no ${streamsOnly ? 'stream ' : ''}scenario id contains '${only ?? ''}'`);
  return selected;
}
