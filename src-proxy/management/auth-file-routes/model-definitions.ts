import { allProviders } from '../../providers/registry';

/** Static catalogs per channel for `GET /model-definitions/:channel` (docs/management-api.md#auth-files): the providers' own lists, from the registry. */
const catalogs: ReadonlyMap<string, { ownedBy: string; models: readonly string[] }> = new Map(
  allProviders().flatMap((provider) => (provider.modelChannel ? [[provider.modelChannel.name, { ownedBy: provider.modelChannel.ownedBy, models: provider.models ?? [] }] as const] : [])),
);

export function modelDefinitions(channel: string): Array<{ id: string; object: 'model'; owned_by: string }> | null {
  const catalog = catalogs.get(channel);
  return catalog ? catalog.models.map((id) => ({ id, object: 'model', owned_by: catalog.ownedBy })) : null;
}
