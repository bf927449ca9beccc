import { parse } from 'yaml';
import { CONFIG_DEFAULTS } from '../../../src-shared/config-defaults';
import { parseDurationSeconds } from '../../../src-shared/parse-duration-seconds';

/** The common settings the Config page offers as form fields (UI.md "Structured forms"). */
export interface ConfigFormValues {
  port: number;
  /** host 0.0.0.0 (every network interface) instead of 127.0.0.1. */
  lanAccess: boolean;
  routingStrategy: RoutingStrategyChoice;
  requestRetry: number;
  /** Seconds. */
  maxRetryInterval: number;
  /** '' = no upstream proxy. */
  proxyUrl: string;
}

export type ConfigFormField = keyof ConfigFormValues;

export type RoutingStrategyChoice = 'round-robin' | 'fill-first' | 'weighted-round-robin' | 'quota-aware';

/** config.yaml's spellings of routing.strategy (CLIProxyAPI's, and our quota-aware); anything else means round-robin. */
export function toRoutingStrategy(written: string): RoutingStrategyChoice {
  const strategy = written.trim().toLowerCase();
  if (['fill-first', 'fillfirst', 'ff'].includes(strategy)) return 'fill-first';
  if (['weighted-round-robin', 'weightedroundrobin', 'wrr'].includes(strategy)) return 'weighted-round-robin';
  if (['quota-aware', 'quotaaware'].includes(strategy)) return 'quota-aware';
  return 'round-robin';
}

/** What a key left out of config.yaml means: the engine's own defaults (src-shared/config-defaults.ts). */
export const configFormDefaults: ConfigFormValues = {
  port: CONFIG_DEFAULTS.port,
  lanAccess: !isLoopbackHost(CONFIG_DEFAULTS.host),
  routingStrategy: CONFIG_DEFAULTS.routingStrategy,
  requestRetry: CONFIG_DEFAULTS.requestRetry,
  maxRetryInterval: CONFIG_DEFAULTS.maxRetryInterval,
  proxyUrl: CONFIG_DEFAULTS.proxyUrl,
};

export interface ConfigFormSource {
  values: ConfigFormValues;
  /** config.yaml lists at least one client key (LAN access needs one). */
  hasApiKeys: boolean;
}

/** The form's values as config.yaml sets them; null when the text is not a YAML mapping (the editor shows why). */
export function readConfigForm(text: string): ConfigFormSource | null {
  let document: unknown;
  try {
    document = parse(text);
  } catch {
    return null;
  }
  if (document === null || document === undefined) document = {};
  if (typeof document !== 'object' || Array.isArray(document)) return null;
  const config = document as Record<string, unknown>;
  const routing = config.routing !== null && typeof config.routing === 'object' ? (config.routing as Record<string, unknown>) : {};
  return {
    values: {
      port: integerOr(config.port, configFormDefaults.port),
      lanAccess: typeof config.host === 'string' ? !isLoopbackHost(config.host) : configFormDefaults.lanAccess,
      routingStrategy: typeof routing.strategy === 'string' ? toRoutingStrategy(routing.strategy) : configFormDefaults.routingStrategy,
      requestRetry: integerOr(config['request-retry'], configFormDefaults.requestRetry),
      // The guides write it with a unit (`30s`), as the engine accepts.
      maxRetryInterval: parseDurationSeconds(config['max-retry-interval']) ?? configFormDefaults.maxRetryInterval,
      proxyUrl: typeof config['proxy-url'] === 'string' ? config['proxy-url'] : configFormDefaults.proxyUrl,
    },
    hasApiKeys: Array.isArray(config['api-keys']) && config['api-keys'].some((key) => typeof key === 'string' && key.trim() !== ''),
  };
}

/** The config.setValues entries for the fields that differ ('' proxy URL removes the key). */
export function configFormChanges(before: ConfigFormValues, after: ConfigFormValues, fields: readonly ConfigFormField[]): { path: string[]; value: string | number | null }[] {
  return fields.filter((field) => before[field] !== after[field]).map((field) => configEntry(field, after));
}

function configEntry(field: ConfigFormField, values: ConfigFormValues): { path: string[]; value: string | number | null } {
  switch (field) {
    case 'port':
      return { path: ['port'], value: values.port };
    case 'lanAccess':
      return { path: ['host'], value: values.lanAccess ? '0.0.0.0' : '127.0.0.1' };
    case 'routingStrategy':
      return { path: ['routing', 'strategy'], value: values.routingStrategy };
    case 'requestRetry':
      return { path: ['request-retry'], value: values.requestRetry };
    case 'maxRetryInterval':
      return { path: ['max-retry-interval'], value: values.maxRetryInterval };
    case 'proxyUrl':
      return { path: ['proxy-url'], value: values.proxyUrl.trim() === '' ? null : values.proxyUrl.trim() };
  }
}

/** Why the given fields cannot be saved, checked before asking the engine (which checks everything again). */
export function configFormProblem(values: ConfigFormValues, fields: readonly ConfigFormField[]): string | null {
  const wholeNumber = (value: number, min: number, max = Number.MAX_SAFE_INTEGER) => Number.isInteger(value) && value >= min && value <= max;
  if (fields.includes('port') && !wholeNumber(values.port, 1, 65535)) return 'The port must be a whole number from 1 to 65535.';
  if (fields.includes('requestRetry') && !wholeNumber(values.requestRetry, 0)) return 'Request retries must be a whole number, 0 or more.';
  if (fields.includes('maxRetryInterval') && !wholeNumber(values.maxRetryInterval, 0)) return 'The longest retry wait must be a whole number of seconds, 0 or more.';
  return null;
}

/** '' means every interface (as in CPA); 127.x, localhost and ::1 stay on this computer. */
function isLoopbackHost(host: string): boolean {
  const normalized = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return normalized === 'localhost' || normalized === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(normalized);
}

function integerOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) ? value : fallback;
}
