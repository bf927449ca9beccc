import type { CredentialCounters } from '../../routing/credential-counters';
import type { ManagementContext } from '../management-context';

/** What every auth-file route gets: the engine's live parts and the counters (zeros when the engine feeds none). */
export interface AuthFileRouteDeps {
  context: ManagementContext;
  counters: CredentialCounters;
}
