/** The engine's name for the shared defaults (one value for engine and renderer: src-shared/config-defaults.ts). */
export { CONFIG_DEFAULTS } from '../../src-shared/config-defaults';
