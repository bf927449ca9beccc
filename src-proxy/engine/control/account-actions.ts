import { findAccount } from '../../management/auth-file-routes/auth-accounts';
import { setAccountDisabled as setDisabled } from '../../management/auth-file-routes/set-account-disabled';
import type { ManagementContext } from '../../management/management-context';

/** accounts.setDisabled: a login (auth file) or an API key from config.yaml, as CPA's status route does it. */
export async function setAccountDisabled(context: ManagementContext, id: string, disabled: boolean): Promise<void> {
  const account = findAccount(context, id, '');
  if (account === null) throw new Error(`No account '${id}'.`);
  const outcome = await setDisabled(context, account, disabled);
  if (!outcome.ok) throw new Error(outcome.message);
}

/** accounts.delete: removes a login's auth file. API keys are removed in the config editor (one entry may hold several keys). */
export async function deleteAccount(context: ManagementContext, id: string): Promise<void> {
  const account = findAccount(context, id, '');
  if (account === null) throw new Error(`No account '${id}'.`);
  if (account.kind === 'config') throw new Error('API-key accounts are removed in config.yaml (Config page), where the entry and its other settings are.');
  if (!(await context.authStore.remove(account.id))) throw new Error(`The file of '${id}' was already gone.`);
}
