/**
 * The wire protocols the benchmark speaks, as data. Each wire has a fake upstream (a child entry that
 * reports the URL client paths under `/v1` map onto, i.e. the API base including `/v1`) and a model
 * alias that makes the engine route a request to that fake. The floor proxy for a wire forwards to the
 * same fake, byte for byte.
 */

export type BenchWireId = 'openai-chat' | 'anthropic-messages';

export interface BenchWire {
  /** Child entry (relative to bench/) serving this wire's fake upstream; its `ready` URL ends in /v1. */
  fakeEntry: string;
  /** Model alias in the engine's config that routes to this wire's fake (distinct per wire). */
  model: string;
  /** The model name the engine sends upstream for `model`. */
  upstreamModel: string;
}

export const benchWires: Record<BenchWireId, BenchWire> = {
  'openai-chat': { fakeEntry: 'fake-upstream-process.ts', model: 'bench-openai', upstreamModel: 'bench-openai' },
  'anthropic-messages': { fakeEntry: 'fake-anthropic-process.ts', model: 'bench-claude', upstreamModel: 'bench-claude' },
};

export const BENCH_WIRE_IDS = Object.keys(benchWires) as BenchWireId[];

/**
 * What every fake answers: about 60 tokens in 20 deltas, a short realistic answer, so stream
 * scenarios pay per-chunk costs. Both fakes send the same text, so a translated reply and the floor's
 * same-wire reply carry the same content.
 */
export const BENCH_REPLY =
  'Sure. Here is a short answer that a model could plausibly send back to a client: the proxy ' +
  'forwards each chunk as it arrives, keeps the connection open, and closes it after the final event.';
export const BENCH_REPLY_CHUNKS = 20;

/**
 * How long the fakes keep an idle connection: longer than any pause of a run (a full GC under valgrind
 * takes seconds, and a proxy there runs its idle-socket timers late). With node's 5 s, an instruction
 * count's window could start on a connection the fake had just closed: one failed attempt, then the
 * engine's 60 s credential cooldown answered the rest of the window with 429.
 */
export const FAKE_KEEPALIVE_MS = 10 * 60_000;
