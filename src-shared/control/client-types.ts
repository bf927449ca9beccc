import type { DiffLine } from '../line-diff';

/** Client tools with a one-click connector. */
export const connectableClients = ['claude-code', 'codex'] as const;
export type ConnectableClient = (typeof connectableClients)[number];

export interface ClientConnectionStatus {
  id: ConnectableClient;
  label: string;
  /** The settings file the connector edits. */
  path: string;
  fileExists: boolean;
  /** 'changed-since-connect': we connected it, but the file no longer points at this engine. */
  state: 'connected' | 'not-connected' | 'changed-since-connect';
  connectedAt: number | null;
  /** True when this app recorded a connect it can undo. */
  canDisconnect: boolean;
}

/** What Connect would change, the client key masked. */
export interface ClientPreview {
  path: string;
  diff: DiffLine[];
}
