import type { ConfigKeyPath } from '../../config/config-document';
import type { EngineConfig } from '../../config/engine-config';

export type ScalarType = 'boolean' | 'integer' | 'string';

/** One `{"value": ..}` setting of docs/management-api.md#scalar-settings. */
export interface ScalarSetting {
  /** Path under /v0/management. */
  route: string;
  /** The key of GET's `{"<key>": value}`. */
  responseKey: string;
  keyPath: ConfigKeyPath;
  type: ScalarType;
  /** The live value; `file` is config.yaml as data, for keys the engine does not model yet. */
  read(config: EngineConfig, file: Record<string, unknown>): unknown;
  /** CPA's clamping of a written integer. */
  normalize?(value: number): number;
}

/** docs/management-api.md#scalar-settings, CPA HEAD's list. `routing/strategy` has its own route (aliases, 400 invalid strategy). */
export const SCALAR_SETTINGS: readonly ScalarSetting[] = [
  live('debug', 'boolean', (config) => config.debug),
  live('logging-to-file', 'boolean', (config) => config.loggingToFile),
  { ...fromFile('logs-max-total-size-mb', 'integer', 0), normalize: (value: number) => Math.max(0, value) },
  { ...fromFile('error-logs-max-files', 'integer', 10), normalize: (value: number) => (value < 0 ? 10 : value) },
  live('usage-statistics-enabled', 'boolean', (config) => config.usageStatisticsEnabled),
  live('proxy-url', 'string', (config) => config.proxyUrl),
  fromFile('quota-exceeded/switch-project', 'boolean', false),
  fromFile('quota-exceeded/switch-preview-model', 'boolean', false),
  live('request-log', 'boolean', (config) => config.requestLog),
  live('ws-auth', 'boolean', (config) => config.wsAuth),
  live('request-retry', 'integer', (config) => config.requestRetry),
  { ...live('max-retry-credentials', 'integer', (config) => config.maxRetryCredentials), normalize: (value: number) => Math.max(0, value) },
  live('max-retry-interval', 'integer', (config) => config.maxRetryInterval),
  live('force-model-prefix', 'boolean', (config) => config.forceModelPrefix),
];

/** A route named like its YAML path (`a/b` is `a.b`); GET answers with the last segment as key, as CPA does. */
function keyPathOf(route: string): string[] {
  return route.split('/');
}

function live(route: string, type: ScalarType, read: (config: EngineConfig) => unknown): ScalarSetting {
  const keyPath = keyPathOf(route);
  return { route, responseKey: keyPath[keyPath.length - 1] ?? route, keyPath, type, read: (config) => read(config) };
}

/** Keys the engine does not use yet: GET shows what the file says, or CPA's default. */
function fromFile(route: string, type: ScalarType, fallback: unknown): ScalarSetting {
  const keyPath = keyPathOf(route);
  return {
    route,
    responseKey: keyPath[keyPath.length - 1] ?? route,
    keyPath,
    type,
    read: (_config, file) => {
      let value: unknown = file;
      for (const key of keyPath) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
      return value ?? fallback;
    },
  };
}

export function isOfType(value: unknown, type: ScalarType): boolean {
  switch (type) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'string':
      return typeof value === 'string';
    default: {
      const unreachable: never = type;
      throw new Error(`unknown scalar type ${String(unreachable)}`);
    }
  }
}
