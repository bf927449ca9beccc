import type { ControlApi, ControlEvent, ControlEvents, ControlInput, ControlOperation, ControlOutputs } from '../../src-shared/control-contract';
import type { EngineStatus } from '../../src-shared/engine-status';

export type FakeHandlers = { [Op in ControlOperation]?: (input: ControlInput<Op>) => Promise<ControlOutputs[Op]> };

/**
 * A ControlApi over an in-memory status, for transport tests (HTTP routes, IPC handlers). Status
 * operations are built in; other operations answer through `handlers` or throw.
 */
export interface FakeControlApi extends ControlApi {
  status: EngineStatus;
  emit<E extends ControlEvent>(event: E, payload: ControlEvents[E]): void;
  failNextWith: unknown;
}

export function createFakeControlApi(initial: Partial<EngineStatus> = {}, handlers: FakeHandlers = {}): FakeControlApi {
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
      teamStore: false,
      ...initial,
    },
    failNextWith: undefined,
    async invoke<Op extends ControlOperation>(operation: Op, input: ControlInput<Op>): Promise<ControlOutputs[Op]> {
      if (fake.failNextWith !== undefined) {
        const error = fake.failNextWith;
        fake.failNextWith = undefined;
        throw error;
      }
      const handler = handlers[operation] as ((value: ControlInput<Op>) => Promise<ControlOutputs[Op]>) | undefined;
      if (handler) return handler(input);
      switch (operation as ControlOperation) {
        case 'status.get':
          break;
        case 'proxy.start':
          fake.status = { ...fake.status, state: 'running', baseUrl: `http://${fake.status.host}:${fake.status.port}/v1` };
          break;
        case 'proxy.stop':
          fake.status = { ...fake.status, state: 'stopped', baseUrl: null };
          break;
        default:
          throw new Error(`${operation} is not faked in this test`);
      }
      return fake.status as ControlOutputs[Op];
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
