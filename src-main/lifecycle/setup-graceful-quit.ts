/** The slice of Electron's `app` this needs, so it is testable without Electron. */
export interface QuittableApp {
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  quit(): void;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Quit waits for the engine to drain: the first before-quit is cancelled, `drain` runs (bounded by a
 * timeout so a stuck request cannot keep the app alive), then quit is re-issued and allowed through.
 */
export function setupGracefulQuit(
  app: QuittableApp,
  drain: () => Promise<unknown>,
  options: { timeoutMs?: number; onError?: (error: unknown) => void } = {},
): void {
  let phase: 'running' | 'draining' | 'drained' = 'running';
  app.on('before-quit', (event) => {
    if (phase === 'drained') return;
    event.preventDefault();
    if (phase === 'draining') return;
    phase = 'draining';
    void withTimeout(drain(), options.timeoutMs ?? DEFAULT_TIMEOUT_MS)
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        phase = 'drained';
        app.quit();
      });
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`Engine did not stop within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
