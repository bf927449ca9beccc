/** Where a client tool should send its requests, and with which key. */
export interface ConnectTarget {
  /** e.g. http://127.0.0.1:8317 */
  origin: string;
  /** The client API key the tool authenticates with. */
  apiKey: string;
}

/** The values of the settings a connector owns, as they were before it connected (JSON, for the ledger). */
export type OwnedValues = Record<string, unknown>;

/**
 * One client tool whose settings file we can point at the engine, reversibly: `connect` changes only the
 * keys the connector owns and keeps every other byte; `restore` puts the captured previous values back.
 * Pure text -> text functions; files and the ledger are handled by ClientConnections.
 */
export interface ClientConnector {
  id: ClientId;
  label: string;
  /** Absolute path of the settings file, given the home folder and environment. */
  settingsPath(home: string, env: NodeJS.ProcessEnv): string;
  /** The owned keys' current values ('' = the file does not exist). */
  capture(text: string): OwnedValues;
  /** The text with the owned keys pointing at the engine. */
  connect(text: string, target: ConnectTarget): string;
  /** The text with the owned keys set back to `previous` (absent keys removed). */
  restore(text: string, previous: OwnedValues): string;
  /** True when the text already points at this engine with this key. */
  isConnected(text: string, target: ConnectTarget): boolean;
}

export type ClientId = 'claude-code' | 'codex';
