/**
 * A provider's endpoints: defaults, then the environment (`environmentKeys` names the variable of each
 * key), then explicit options (a test's fake server) win; trailing slashes go.
 */
export function resolveEndpoints<Endpoints extends object>(
  defaults: Endpoints,
  environmentKeys: Readonly<Partial<Record<keyof Endpoints, string>>>,
  overrides: Partial<Endpoints>,
  environment: NodeJS.ProcessEnv,
): Endpoints {
  const result = { ...defaults };
  for (const key of Object.keys(environmentKeys) as Array<keyof Endpoints>) {
    const variable = environmentKeys[key];
    const fromEnvironment = variable === undefined ? undefined : environment[variable];
    if (fromEnvironment) result[key] = fromEnvironment.replace(/\/+$/, '') as Endpoints[keyof Endpoints];
    const fromOptions = overrides[key];
    if (typeof fromOptions === 'string' && fromOptions) result[key] = fromOptions.replace(/\/+$/, '') as Endpoints[keyof Endpoints];
  }
  return result;
}

/** A device flow's poll interval (ms): the default, then a positive number in the environment variable, then a positive option (tests). */
export function resolvePollInterval(defaultMs: number, fromEnvironment: string | undefined, fromOptions: number | undefined): number {
  const environmentMs = Number(fromEnvironment);
  if (fromOptions !== undefined && fromOptions > 0) return fromOptions;
  return Number.isFinite(environmentMs) && environmentMs > 0 ? environmentMs : defaultMs;
}
