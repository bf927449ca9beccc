import type { ControlApi, ControlInput, ControlOperation, ControlOutputs } from '../../src-shared/control-contract';
import type { AppSettings } from '../../src-shared/control/app-settings';

export interface AppOperationsDeps {
  getSettings(): AppSettings;
  setSettings(update: Partial<AppSettings>): AppSettings;
  /** Told before a stop the user asked for, so it is not announced as an unexpected stop. */
  onStopRequested(): void;
}

/** The engine's control contract, with the operations only the desktop app can answer (its own settings) answered here. */
export function withAppOperations(control: ControlApi, deps: AppOperationsDeps): ControlApi {
  return {
    invoke<Op extends ControlOperation>(operation: Op, input: ControlInput<Op>): Promise<ControlOutputs[Op]> {
      if (operation === 'settings.get') return Promise.resolve(deps.getSettings() as ControlOutputs[Op]);
      if (operation === 'settings.set') return Promise.resolve(deps.setSettings(input as Partial<AppSettings>) as ControlOutputs[Op]);
      if (operation === 'proxy.stop') deps.onStopRequested();
      return control.invoke(operation, input);
    },
    on: (event, listener) => control.on(event, listener),
  };
}
