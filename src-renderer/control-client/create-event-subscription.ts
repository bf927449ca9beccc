import { createSseParser } from './parse-sse';

export interface EventSubscriptionOptions {
  url: string;
  /** null = not signed in: do not connect. */
  authHeaders(): Record<string, string> | null;
  fetch: typeof fetch;
  reconnectDelayMs: number;
}

export interface EventSubscription {
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

const MAX_DELAY_MS = 30_000;

/**
 * One shared event stream for all listeners: opened by the first subscriber, closed with the last,
 * reconnected with backoff when it drops (engine restart). fetch() rather than EventSource, because
 * EventSource cannot send the management key header. 401/403/404 stop it: retrying cannot help.
 */
export function createEventSubscription(options: EventSubscriptionOptions): EventSubscription {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let controller: AbortController | null = null;

  const dispatch = (event: string, data: string): void => {
    let payload: unknown;
    try {
      payload = JSON.parse(data);
    } catch {
      return;
    }
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };

  const run = async (signal: AbortSignal): Promise<void> => {
    let delay = options.reconnectDelayMs;
    while (!signal.aborted) {
      const headers = options.authHeaders();
      if (headers === null) return;
      const outcome = await readStream(options, headers, signal, dispatch);
      if (outcome === 'refused' || signal.aborted) return;
      if (outcome === 'connected') delay = options.reconnectDelayMs;
      await sleep(delay, signal);
      delay = Math.min(delay * 2, MAX_DELAY_MS);
    }
  };

  return {
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      if (controller === null) {
        controller = new AbortController();
        void run(controller.signal);
      }
      return () => {
        set.delete(listener);
        const empty = [...listeners.values()].every((each) => each.size === 0);
        if (empty && controller !== null) {
          controller.abort();
          controller = null;
        }
      };
    },
  };
}

/** 'connected' = the stream was open and then ended; 'failed' = could not connect; 'refused' = auth. */
async function readStream(
  options: EventSubscriptionOptions,
  headers: Record<string, string>,
  signal: AbortSignal,
  dispatch: (event: string, data: string) => void,
): Promise<'connected' | 'failed' | 'refused'> {
  try {
    const response = await options.fetch(options.url, { headers, signal, cache: 'no-store' });
    if ([401, 403, 404].includes(response.status)) return 'refused';
    if (!response.ok || response.body === null) return 'failed';
    const parse = createSseParser((message) => dispatch(message.event, message.data));
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return 'connected';
      parse(value);
    }
  } catch {
    return signal.aborted ? 'connected' : 'failed';
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
