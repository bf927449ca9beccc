import type {
  ControlEvent,
  ControlEvents,
  ControlInput,
  ControlOperation,
  ControlOutputs,
  ControlResult,
} from '../../src-shared/control-contract';
import type { ManagementKeyStore } from './management-key-store';

export interface ControlCapabilities {
  /** Start can be offered (the engine is reachable while stopped). */
  canStart: boolean;
  /** Stop can be offered. Not over HTTP: stopping closes the very server the page talks to. */
  canStop: boolean;
  /** The desktop app's own preferences (settings.get/set) exist. Not over HTTP: only Electron main keeps them. */
  appSettings: boolean;
}

/**
 * What every page uses to talk to the engine, whatever the transport. Never throws: failures come back
 * as `{ ok: false, error }` so each screen can say what happened and what to do next.
 */
export interface ControlClient {
  readonly transport: 'ipc' | 'http';
  readonly capabilities: ControlCapabilities;
  /** HTTP only: where the user's management key is kept; null when no key is needed (IPC). */
  readonly managementKey: ManagementKeyStore | null;
  invoke<Op extends ControlOperation>(operation: Op, input: ControlInput<Op>): Promise<ControlResult<ControlOutputs[Op]>>;
  on<E extends ControlEvent>(event: E, listener: (payload: ControlEvents[E]) => void): () => void;
}

export type ControlFailure = Extract<ControlResult<unknown>, { ok: false }>['error'];

export function controlFailure(code: ControlFailure['code'], message: string): { ok: false; error: ControlFailure } {
  return { ok: false, error: { code, message } };
}

/** A transport's answer is only trusted to be a ControlResult after this check. */
export function isControlResult(value: unknown): value is ControlResult<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return 'value' in value;
  if (value.ok !== false || !('error' in value)) return false;
  const { error } = value;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  );
}
