/** Public types of the fake OpenAI-compatible upstream (see fake-openai-upstream.ts). */
import type { FakeUpstreamControls } from './fake-upstream-types';

export type { RecordedRequest } from './fake-upstream-types';

export type FakeStep =
  /** Normal success; honours body.stream. `usage` undefined = follow the request, true/false = force. */
  | { kind: 'ok'; content?: string; chunks?: number; chunkDelayMs?: number; usage?: boolean }
  /** Reply with this status; body defaults to an OpenAI error JSON for the status. */
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  /** Destroy the socket without sending anything. */
  | { kind: 'reset-before-headers' }
  /** Send headers and N SSE data frames (role chunk included), then destroy the socket. */
  | { kind: 'reset-mid-stream'; afterChunks: number }
  /** Accept, send nothing for `ms`, then behave as 'ok'. */
  | { kind: 'stall'; ms: number }
  /** Like 'ok' with `chunks` content pieces `chunkDelayMs` apart. */
  | { kind: 'slow-stream'; chunks: number; chunkDelayMs: number };

export interface FakeOpenAIUpstreamOptions {
  /** Shown in the default content `Hello from <name>`. Default 'fake'. */
  name?: string;
  /** Default assistant content (overrides `Hello from <name>`). */
  content?: string;
  /** Default number of content deltas in a stream. Default: one per word. */
  chunks?: number;
  /**
   * Idle keep-alive connections are closed after this (node's default: 5 s). The bench sets minutes: a
   * proxy under valgrind runs its timers late and would send its next request on a connection the fake
   * had just closed.
   */
  keepAliveTimeoutMs?: number;
}

export interface FakeOpenAIUpstream extends FakeUpstreamControls<FakeStep> {
  /** e.g. 'http://127.0.0.1:43121/v1' */
  baseUrl: string;
}
