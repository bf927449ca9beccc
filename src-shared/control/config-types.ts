/** config.yaml as the editor loads it. */
export interface ConfigText {
  path: string;
  text: string;
}

/** One problem of a config text, positioned for inline editor markers. */
export interface ConfigProblemView {
  /** Key path like 'openai-compatibility[0].base-url'; '' for syntax errors. */
  path: string;
  message: string;
  /** 1-based; null when the problem has no position. */
  line: number | null;
  column: number | null;
}

export interface ConfigCheck {
  ok: boolean;
  /** 'yaml' = not YAML at all; 'config' = YAML that is not a valid config; null when ok. */
  kind: 'yaml' | 'config' | null;
  problems: ConfigProblemView[];
}

/** A save either applied (maybe with keys that need a restart) or was rejected and changed nothing. */
export type ConfigSaveResult =
  | { saved: true; unchanged: boolean; restartRequired: string[]; listenerRestart: boolean }
  | { saved: false; kind: 'yaml' | 'config' | 'write'; problems: ConfigProblemView[] };

/** What a client tool needs to connect. */
export interface ConnectionInfo {
  running: boolean;
  /** e.g. http://127.0.0.1:8317/v1 (OpenAI), http://127.0.0.1:8317 (Anthropic, Gemini). */
  openaiBaseUrl: string;
  anthropicBaseUrl: string;
  geminiBaseUrl: string;
  /** The first client key masked ('sk-cli…a1b2'); null when client auth is off. */
  apiKeyMasked: string | null;
  /** True when the engine listens on a non-loopback address (LAN access). */
  lanAccess: boolean;
}
