import type { ControlApi, ControlEvent, ControlEvents } from '../../src-shared/control-contract';
import type { EngineStatus } from '../../src-shared/engine-status';

/** A ControlApi over an in-memory status, for transport tests (HTTP routes, IPC handlers). */
export interface FakeControlApi extends ControlApi {
  status: EngineStatus;
  emit<E extends ControlEvent>(event: E, payload: ControlEvents[E]): void;
  failNextWith: unknown;
}

export function createFakeControlApi(initial: Partial<EngineStatus> = {}): FakeControlApi {
  const listeners = new Map<ControlEvent, Set<(payload: never) => void>>();
  const fake: FakeControlApi = {
    status: {
      state: 'running',
      host: '127.0.0.1',
      port: 8317,
      baseUrl: 'http://127.0.0.1:8317/v1',
      error: null,
      accounts: 0,
      requestsServed: 0,
      ...initial,
    },
    failNextWith: undefined,
    async invoke(operation) {
      if (fake.failNextWith !== undefined) {
        const error = fake.failNextWith;
        fake.failNextWith = undefined;
        throw error;
      }
      switch (operation) {
        case 'status.get':
          break;
        case 'proxy.start':
          fake.status = { ...fake.status, state: 'running', baseUrl: `http://${fake.status.host}:${fake.status.port}/v1` };
          break;
        case 'proxy.stop':
          fake.status = { ...fake.status, state: 'stopped', baseUrl: null };
          break;
        default: {
          const unreachable: never = operation;
          throw new Error(`unexpected ${String(unreachable)}`);
        }
      }
      return fake.status;
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: never) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: never) => void);
    },
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) (listener as (value: typeof payload) => void)(payload);
    },
  };
  return fake;
}
