/** Public types of the fake Anthropic Messages upstream (see fake-anthropic-upstream.ts). */
import type { FakeUpstreamControls } from './fake-upstream-types';

export type { RecordedRequest } from './fake-upstream-types';

/** An assistant content block the fake sends back (ids and signatures are filled in when absent). */
export type FakeAnthropicBlock =
  | { type: 'text'; text: string }
  | { type: 'thinking'; thinking: string; signature?: string }
  | { type: 'redacted_thinking'; data: string }
  | { type: 'tool_use'; name: string; input: Record<string, unknown>; id?: string };

export type FakeAnthropicStep =
  /**
   * Normal success; honours body.stream. `content` replaces the default reply (a string = one text
   * block). `chunks` = deltas per text/thinking block (default one per word).
   */
  | {
      kind: 'ok';
      content?: string | FakeAnthropicBlock[];
      stopReason?: string;
      stopSequence?: string;
      chunks?: number;
      chunkDelayMs?: number;
    }
  /** Reply with this status; body defaults to the Anthropic error JSON for the status (529 overloaded_error...). */
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  /** A 200 stream that sends `afterEvents` events (default 3), then `event: error` and ends. */
  | { kind: 'stream-error'; afterEvents?: number; errorType?: string; message?: string }
  /** Destroy the socket without sending anything. */
  | { kind: 'reset-before-headers' }
  /** Send headers and N SSE events, then destroy the socket. */
  | { kind: 'reset-mid-stream'; afterEvents: number }
  /** Accept, send nothing for `ms`, then behave as 'ok'. */
  | { kind: 'stall'; ms: number }
  /** Like 'ok' with `chunks` text pieces `chunkDelayMs` apart. */
  | { kind: 'slow-stream'; chunks: number; chunkDelayMs: number };

export interface FakeAnthropicUpstreamOptions {
  /** Shown in the default text `Hello from <name>`. Default 'fake'. */
  name?: string;
  /** Default assistant text (overrides `Hello from <name>`). */
  content?: string;
  /** Default number of deltas per text block. Default: one per word. */
  chunks?: number;
  /** When set, requests without this key (x-api-key or Bearer) get a 401 authentication_error. */
  apiKey?: string;
  /** Model ids served by GET /v1/models. */
  models?: string[];
  /**
   * Idle keep-alive connections are closed after this (node's default: 5 s). The bench sets minutes: a
   * proxy under valgrind runs its timers late and would send its next request on a connection the fake
   * had just closed.
   */
  keepAliveTimeoutMs?: number;
}

export interface FakeAnthropicUpstream extends FakeUpstreamControls<FakeAnthropicStep> {
  /** e.g. 'http://127.0.0.1:43121' (the SDK's baseURL; routes are under /v1). */
  baseUrl: string;
}
