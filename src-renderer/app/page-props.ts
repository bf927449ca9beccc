import type { ControlClient } from '../control-client/control-client';

/** What every page in `pages.ts` receives. The client already sends an expired key back to sign-in. */
export interface PageProps {
  client: ControlClient;
}
