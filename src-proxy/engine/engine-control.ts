import type { ControlApi, ControlEvent, ControlEvents, ControlInput, ControlOperation, ControlOutputs } from '../../src-shared/control-contract';
import type { EngineStatus } from '../../src-shared/engine-status';

interface EngineFacade {
  start(): Promise<EngineStatus>;
  stop(): Promise<EngineStatus>;
  status(): EngineStatus;
  onStatusChange(listener: (status: EngineStatus) => void): () => void;
}

type Handlers = { [Op in ControlOperation]: (input: ControlInput<Op>) => Promise<ControlOutputs[Op]> };

/** The control contract implemented on top of the engine; IPC and HTTP transports both call this. */
export function createEngineControl(engine: EngineFacade): ControlApi {
  const handlers: Handlers = {
    'status.get': async () => engine.status(),
    'proxy.start': () => engine.start(),
    'proxy.stop': () => engine.stop(),
  };
  return {
    invoke<Op extends ControlOperation>(operation: Op, input: ControlInput<Op>): Promise<ControlOutputs[Op]> {
      const handler = handlers[operation] as (value: ControlInput<Op>) => Promise<ControlOutputs[Op]>;
      return handler(input);
    },
    on<E extends ControlEvent>(event: E, listener: (payload: ControlEvents[E]) => void): () => void {
      switch (event) {
        case 'status.changed':
          return engine.onStatusChange(listener as (status: EngineStatus) => void);
        default: {
          const unknownEvent: never = event;
          throw new Error(`Unknown control event ${String(unknownEvent)}`);
        }
      }
    },
  };
}
