/** Public types of the fake OpenAI Responses / Codex upstream (see fake-responses-upstream.ts). */
import type { FakeUpstreamControls } from './fake-upstream-types';

export type { RecordedRequest } from './fake-upstream-types';

export interface FakeFunctionCall {
  name: string;
  arguments: string;
  callId?: string;
}

export type FakeResponsesStep =
  /**
   * Normal success; honours body.stream. `content` replaces the default text, `reasoning` adds a
   * reasoning item with that summary, `functionCall` answers with a function_call item (no text),
   * `incompleteReason` ends with response.incomplete.
   */
  | {
      kind: 'ok';
      content?: string;
      reasoning?: string;
      functionCall?: FakeFunctionCall;
      incompleteReason?: 'max_output_tokens' | 'content_filter';
      chunks?: number;
      chunkDelayMs?: number;
    }
  /** Reply with this status; body defaults to an OpenAI error JSON for the status. */
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  /** HTTP 200, then response.failed with `error: {code, message}` (non-stream: a failed response body). */
  | { kind: 'response-failed'; code?: string; message?: string }
  /** Destroy the socket without sending anything. */
  | { kind: 'reset-before-headers' }
  /** Send headers and N SSE events (response.created included), then destroy the socket. */
  | { kind: 'reset-mid-stream'; afterEvents: number }
  /** Accept, send nothing for `ms`, then behave as 'ok'. */
  | { kind: 'stall'; ms: number }
  /** Like 'ok' with `chunks` text deltas `chunkDelayMs` apart. */
  | { kind: 'slow-stream'; chunks: number; chunkDelayMs: number };

export interface FakeResponsesUpstreamOptions {
  /** Shown in the default content `Hello from <name>`. Default 'fake-responses'. */
  name?: string;
  /** Default assistant content (overrides `Hello from <name>`). */
  content?: string;
  /** Default number of text deltas in a stream. Default: one per word. */
  chunks?: number;
  /**
   * Refuse what the ChatGPT Codex backend refuses (codex-backend-rules.ts): 400 `{"detail"}` for a body
   * that is not streamed, stored, has unsupported parameters, no instructions, ...; 401 without a Bearer token.
   */
  strictCodex?: boolean;
  /**
   * Another upstream's refusals (e.g. xai-api-rules.ts): called before any step with the parsed body and the
   * lower-cased headers; a returned status and JSON body are sent instead of the step.
   */
  refuse?: (request: { body: unknown; headers: Record<string, string>; route: 'responses' | 'compact' }) => { status: number; body: unknown } | undefined;
}

export interface FakeResponsesUpstream extends FakeUpstreamControls<FakeResponsesStep> {
  /** e.g. 'http://127.0.0.1:43121/v1' (POST <baseUrl>/responses). */
  baseUrl: string;
  /** e.g. 'http://127.0.0.1:43121/backend-api/codex', like chatgpt.com/backend-api/codex. */
  codexBaseUrl: string;
}
