import type {
  ControlBridge,
  ControlEvent,
  ControlEvents,
  ControlInput,
  ControlOperation,
  ControlOutputs,
  ControlResult,
} from '../../src-shared/control-contract';
import { controlFailure, isControlResult, type ControlClient } from './control-client';

/** Electron: `window.cliproxy` from the preload; main validates everything again on its side. */
export function createIpcTransport(bridge: ControlBridge): ControlClient {
  return {
    transport: 'ipc',
    capabilities: { canStart: true, canStop: true, appSettings: true },
    managementKey: null,
    async invoke<Op extends ControlOperation>(
      operation: Op,
      input: ControlInput<Op>,
    ): Promise<ControlResult<ControlOutputs[Op]>> {
      try {
        const result = await bridge.invoke(operation, input);
        // Main answers with the contract's output for `operation`; the untyped bridge cannot say so.
        if (isControlResult(result)) return result as ControlResult<ControlOutputs[Op]>;
        return controlFailure('FAILED', 'The app answered in an unexpected way.');
      } catch {
        return controlFailure('UNAVAILABLE', 'The app is not ready to take commands yet. Try again in a moment.');
      }
    },
    on<E extends ControlEvent>(event: E, listener: (payload: ControlEvents[E]) => void): () => void {
      return bridge.on(event, (payload) => listener(payload as ControlEvents[E]));
    },
  };
}
