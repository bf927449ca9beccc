/** What the engine reports about itself; the same shape reaches main, the tray and the renderer. */
export type EngineState = 'stopped' | 'starting' | 'running' | 'stopping' | 'error';

export interface EngineStatus {
  state: EngineState;
  /** Host and port the engine listens on (or will listen on when started). */
  host: string;
  port: number;
  /** `http://host:port/v1` while running, else null. */
  baseUrl: string | null;
  /** Human-readable reason when state is 'error'. Never contains secrets. */
  error: string | null;
  /** Number of upstream credentials (API-key entries and auth files) currently loaded. */
  accounts: number;
  /** Requests finished since the engine started. */
  requestsServed: number;
  /** On the team store (`store: postgres`): usage operations also answer `scope: 'team'` (docs/team-server.md#usage). */
  teamStore: boolean;
}
