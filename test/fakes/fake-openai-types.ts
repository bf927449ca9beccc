/** Public types of the fake OpenAI-compatible upstream (see fake-openai-upstream.ts). */

export interface RecordedRequest {
  method: string;
  /** Request target as received, including any query string, e.g. '/v1/chat/completions'. */
  path: string;
  /** Lower-cased header names; repeated headers are joined with ', '. */
  headers: Record<string, string>;
  /** Parsed JSON when the body is JSON, the raw string otherwise, undefined when empty. */
  body: unknown;
  /** Date.now() when the request arrived. */
  receivedAt: number;
  /** True once the client closed the connection before the response finished. */
  aborted: boolean;
}

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
}

export interface FakeOpenAIUpstream {
  /** e.g. 'http://127.0.0.1:43121/v1' */
  baseUrl: string;
  /** Every request received, in arrival order. Cleared in place by reset(). */
  requests: RecordedRequest[];
  /** Scripted behaviours, consumed one per request to a known route, in order. */
  enqueue(...steps: FakeStep[]): void;
  /** Resolves once `count` requests were recorded; rejects after timeoutMs (default 2000). */
  waitForRequests(count: number, timeoutMs?: number): Promise<void>;
  /** Clear recorded requests and the step queue. */
  reset(): void;
  close(): Promise<void>;
}
