/** The engine's public surface: hosts (Electron main, the CLI, tests, the benchmark) import from here. */
export { createEngine, ConfigLoadError } from './engine/create-engine';
export { buildServer } from './server/build-server';
export type { Engine, EngineOptions } from './engine-types';
export { controlPanelCsp } from './management/control-panel-csp';
export { dispatchControlOperation, type ControlInvoker } from './management/dispatch-control-operation';
