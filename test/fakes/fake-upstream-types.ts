/** Public types every fake upstream shares (see fake-upstream-server.ts). */

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

/** What a test drives on any fake: the recorded requests and the step queue. */
export interface FakeUpstreamControls<TStep> {
  /** Every request received, in arrival order. Cleared in place by reset(). */
  requests: RecordedRequest[];
  /** Scripted behaviours, consumed one per request to a known route, in order. */
  enqueue(...steps: TStep[]): void;
  /** Resolves once `count` requests were recorded; rejects after timeoutMs (default 2000). */
  waitForRequests(count: number, timeoutMs?: number): Promise<void>;
  /** Clear recorded requests and the step queue. */
  reset(): void;
  close(): Promise<void>;
}
