/** Public types of the fake Gemini API upstream (see fake-gemini-upstream.ts). */
import type { FakeUpstreamControls } from './fake-upstream-types';

export type { RecordedRequest } from './fake-upstream-types';

export type FakeGeminiStep =
  /**
   * Normal success, stream or not by the URL. `text` replaces the default answer; `thought` sends a
   * thought summary first; `functionCall` forces a call (by default a call only happens when tools are
   * declared and the last user text mentions the weather). `textSignature` signs the last text part
   * of the answer, as Gemini 2.5 and 3 thinking models do (a stream: on the last text chunk).
   */
  | {
      kind: 'ok';
      text?: string;
      thought?: string;
      textSignature?: boolean;
      functionCall?: { name: string; args?: Record<string, unknown> };
      chunks?: number;
      chunkDelayMs?: number;
    }
  /** Reply with this status; the body defaults to Google's error JSON (a 429 includes RetryInfo.retryDelay). */
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string>; retryDelaySeconds?: number }
  /** Destroy the socket without sending anything. */
  | { kind: 'reset-before-headers' }
  /** Send headers and N stream chunks, then destroy the socket (non-stream: half the JSON body). */
  | { kind: 'reset-mid-stream'; afterChunks: number }
  /** Accept, send nothing for `ms`, then behave as 'ok'. */
  | { kind: 'stall'; ms: number }
  /** Like 'ok' with `chunks` text pieces `chunkDelayMs` apart. */
  | { kind: 'slow-stream'; chunks: number; chunkDelayMs: number };

export interface FakeGeminiUpstreamOptions {
  /** Shown in the default answer `Hello from <name>`. Default 'fake-gemini'. */
  name?: string;
  /** Default answer text (overrides `Hello from <name>`). */
  text?: string;
  /** Default number of text pieces in a stream. Default: one per word. */
  chunks?: number;
  /** Sign the last text part of every answer, as Gemini 2.5 and 3 thinking models do (a step's `textSignature` wins). Default false. */
  textSignature?: boolean;
}

export interface FakeGeminiUpstream extends FakeUpstreamControls<FakeGeminiStep> {
  /** e.g. 'http://127.0.0.1:43121' (the SDK's `httpOptions.baseUrl`; routes live under /v1beta). */
  baseUrl: string;
  /** The same server as a Cloud Code Assist base (`/v1internal:*`), for Gemini CLI login accounts. */
  codeAssistBase: string;
}
