import type { ControlApi, ControlEvent, ControlEvents, ControlInput, ControlOperation, ControlOutputs } from '../../src-shared/control-contract';
import type { AppSettings } from '../../src-shared/control/app-settings';
import type { UpdateState } from '../../src-shared/control/update-types';

/** The updater as the contract reaches it (updates/setup-updates.ts). */
export interface AppUpdates {
  state(): UpdateState;
  check(trigger: 'user'): Promise<UpdateState>;
  onChange(listener: (state: UpdateState) => void): () => void;
}

export interface AppOperationsDeps {
  getSettings(): AppSettings;
  setSettings(update: Partial<AppSettings>): AppSettings;
  /** Told before a stop the user asked for, so it is not announced as an unexpected stop. */
  onStopRequested(): void;
  updates: AppUpdates;
}

/**
 * The engine's control contract, with the operations only the desktop app can answer (its own settings,
 * its updater) answered here.
 */
export function withAppOperations(control: ControlApi, deps: AppOperationsDeps): ControlApi {
  return {
    invoke<Op extends ControlOperation>(operation: Op, input: ControlInput<Op>): Promise<ControlOutputs[Op]> {
      if (operation === 'settings.get') return Promise.resolve(deps.getSettings() as ControlOutputs[Op]);
      if (operation === 'settings.set') return Promise.resolve(deps.setSettings(input as Partial<AppSettings>) as ControlOutputs[Op]);
      if (operation === 'updates.get') return Promise.resolve(deps.updates.state() as ControlOutputs[Op]);
      if (operation === 'updates.check') return deps.updates.check('user') as Promise<ControlOutputs[Op]>;
      if (operation === 'proxy.stop') deps.onStopRequested();
      return control.invoke(operation, input);
    },
    on<E extends ControlEvent>(event: E, listener: (payload: ControlEvents[E]) => void): () => void {
      if (event === 'updates.changed') return deps.updates.onChange(listener as (state: UpdateState) => void);
      return control.on(event, listener);
    },
  };
}
