import type {
  ControlEvent,
  ControlEvents,
  ControlInput,
  ControlOperation,
  ControlOutputs,
  ControlResult,
} from '../../src-shared/control-contract';
import { controlFailure, isControlResult, type ControlClient, type ControlFailure } from './control-client';
import type { ManagementKeyStore } from './management-key-store';
import { createEventSubscription } from './create-event-subscription';

export interface HttpTransportOptions {
  /** Origin of the engine; '' = the page's own origin (served at /management.html). */
  baseUrl: string;
  managementKey: ManagementKeyStore;
  fetch: typeof fetch;
  /** First delay before reconnecting the event stream; doubles up to 30 s. */
  reconnectDelayMs?: number;
}

const CONTROL_PATH = '/v0/management/control';

/**
 * Browser control panel: POSTs each operation to the engine's management routes with the key the
 * user entered. Stop is not offered: it would close the server this page is talking to.
 */
export function createHttpTransport(options: HttpTransportOptions): ControlClient {
  const authHeaders = (): Record<string, string> | null => {
    const key = options.managementKey.get();
    return key === null ? null : { authorization: `Bearer ${key}` };
  };
  const events = createEventSubscription({
    url: `${options.baseUrl}${CONTROL_PATH}/events`,
    authHeaders,
    fetch: options.fetch,
    reconnectDelayMs: options.reconnectDelayMs ?? 1000,
  });
  return {
    transport: 'http',
    capabilities: { canStart: true, canStop: false, appSettings: false },
    managementKey: options.managementKey,
    async invoke<Op extends ControlOperation>(
      operation: Op,
      input: ControlInput<Op>,
    ): Promise<ControlResult<ControlOutputs[Op]>> {
      const headers = authHeaders();
      if (headers === null) return controlFailure('UNAUTHORIZED', 'Sign in with the management key first.');
      let response: Response;
      try {
        response = await options.fetch(`${options.baseUrl}${CONTROL_PATH}/${encodeURIComponent(operation)}`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(input),
          cache: 'no-store',
        });
      } catch {
        return controlFailure('UNAVAILABLE', 'Cannot reach the proxy engine. Is it still running?');
      }
      const body = await readJson(response);
      // The engine vouches that a ControlResult for `operation` carries that operation's output.
      if (isControlResult(body)) return body as ControlResult<ControlOutputs[Op]>;
      return describeHttpFailure(response.status);
    },
    on<E extends ControlEvent>(event: E, listener: (payload: ControlEvents[E]) => void): () => void {
      return events.subscribe(event, (payload) => listener(payload as ControlEvents[E]));
    },
  };
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown;
  } catch {
    return null;
  }
}

/** Answers from the management guard, which are not ControlResults, in words with a next step. */
export function describeHttpFailure(status: number): { ok: false; error: ControlFailure } {
  switch (status) {
    case 401:
      return controlFailure('UNAUTHORIZED', 'The management key was not accepted. Check remote-management.secret-key in config.yaml.');
    case 403:
      return controlFailure('FORBIDDEN', 'Remote management is off for this address. Open the panel on the machine running the proxy, or set remote-management.allow-remote.');
    case 404:
      return controlFailure('UNAVAILABLE', 'Remote management is turned off. Set remote-management.secret-key in config.yaml and restart the proxy.');
    default:
      return controlFailure('FAILED', `The proxy engine answered with HTTP ${status}.`);
  }
}
