/**
 * Where a committed stream is written: the HTTP response (a ServerResponse fits as it is) or another
 * transport, such as the Responses WebSocket, that turns the SSE text into its own frames.
 */
export interface StreamSink {
  readonly destroyed: boolean;
  writeHead(status: number, headers: Record<string, string>): unknown;
  /** False asks the writer to wait for 'drain' (or 'close') before writing more. */
  write(chunk: Buffer | string): boolean;
  end(): unknown;
  on(event: 'drain' | 'close', listener: () => void): unknown;
  off(event: 'drain' | 'close', listener: () => void): unknown;
}
