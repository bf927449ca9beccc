import { z } from 'zod';
import type { EngineStatus } from './engine-status';

/**
 * The typed control contract (ARCHITECTURE.md section 4). The engine implements it once; Electron main
 * exposes it over IPC, the headless engine over HTTP. Each operation names its input schema, so every
 * transport validates the same way.
 */
export const controlOperations = {
  'status.get': z.object({}).strict(),
  'proxy.start': z.object({}).strict(),
  'proxy.stop': z.object({}).strict(),
} as const;

export type ControlOperation = keyof typeof controlOperations;

export interface ControlOutputs {
  'status.get': EngineStatus;
  'proxy.start': EngineStatus;
  'proxy.stop': EngineStatus;
}

export type ControlInput<Op extends ControlOperation> = z.infer<(typeof controlOperations)[Op]>;

export interface ControlEvents {
  'status.changed': EngineStatus;
}
export type ControlEvent = keyof ControlEvents;
export const controlEvents: readonly ControlEvent[] = ['status.changed'];

/**
 * UNAUTHORIZED: the HTTP transport's management key is missing or wrong (HTTP 401).
 * UNAVAILABLE: the engine cannot be reached, or remote management is turned off (HTTP 404 / network error).
 */
export type ControlErrorCode =
  | 'INVALID_INPUT'
  | 'UNKNOWN_OPERATION'
  | 'FORBIDDEN'
  | 'UNAUTHORIZED'
  | 'UNAVAILABLE'
  | 'FAILED';

export type ControlResult<T> =
  | { ok: true; value: T }
  | { ok: false; error: { code: ControlErrorCode; message: string } };

/** The operations as an interface: what the engine implements and what control clients offer. */
export interface ControlApi {
  invoke<Op extends ControlOperation>(operation: Op, input: ControlInput<Op>): Promise<ControlOutputs[Op]>;
  on<E extends ControlEvent>(event: E, listener: (payload: ControlEvents[E]) => void): () => void;
}

/**
 * What the Electron preload exposes as `window.cliproxy` (src-main/preload/preload.cjs). Untyped on purpose:
 * the preload checks names against its allowlist and main validates inputs; the renderer's IPC transport
 * restores the types.
 */
export interface ControlBridge {
  invoke(operation: string, input: unknown): Promise<ControlResult<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

export function isControlOperation(name: unknown): name is ControlOperation {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(controlOperations, name);
}

export function isControlEvent(name: unknown): name is ControlEvent {
  return typeof name === 'string' && (controlEvents as readonly string[]).includes(name);
}
