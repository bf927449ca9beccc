import { withData } from '../../auth-store/auth-record';
import type { ConfigChangeResult } from '../../config/config-file';
import type { ManagementContext } from '../management-context';
import type { ConfigAccount, FileAccount } from './auth-accounts';
import { locateConfigEntry, toggleExclusion } from './toggle-config-key-exclusion';

export type DisableOutcome = { ok: true; via: 'file' | 'config' } | { ok: false; reason: 'unreadable' | 'entry-not-found' | 'save-failed'; message: string };

/**
 * Enables or disables one account the way CPA does: an auth file gets `disabled` in its JSON; a config
 * API key gets `*` added to (or removed from) its entry's `excluded-models` in config.yaml.
 */
export async function setAccountDisabled(context: ManagementContext, account: FileAccount | ConfigAccount, disabled: boolean): Promise<DisableOutcome> {
  if (account.kind === 'file') {
    if (account.record === null) return { ok: false, reason: 'unreadable', message: `invalid auth file: ${account.problem ?? 'unreadable'}` };
    await context.authStore.save(withData(account.record, { ...account.record.data, disabled }));
    return { ok: true, via: 'file' };
  }
  let result: ConfigChangeResult;
  try {
    result = await context.configFile.edit((document, config) => {
      const location = locateConfigEntry(account.credential, config);
      // Throwing refuses the edit: nothing is written.
      if (location === null || !toggleExclusion(document, location, disabled)) throw new EntryNotFound();
    });
  } catch (error) {
    if (error instanceof EntryNotFound) return { ok: false, reason: 'entry-not-found', message: 'config api key entry not found' };
    throw error;
  }
  if (!result.ok) return { ok: false, reason: 'save-failed', message: `failed to update config api key: ${result.problems.map((problem) => problem.message).join('; ')}` };
  return { ok: true, via: 'config' };
}

class EntryNotFound extends Error {}
