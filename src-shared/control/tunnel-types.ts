/** How the public address is made: a Cloudflare quick tunnel, a named tunnel from a token, or the user's own. */
export const tunnelModes = ['quick', 'named', 'external'] as const;
export type TunnelMode = (typeof tunnelModes)[number];

export type TunnelState = 'off' | 'downloading' | 'starting' | 'running' | 'restarting' | 'error';

/**
 * The public URL as every surface shows it (Connect page, tray, dashboard, `cliproxy tunnel`). Never
 * holds the public key or a tunnel token: the key only masked, the full key through `tunnel.revealKey`.
 */
export interface TunnelStatus {
  state: TunnelState;
  mode: TunnelMode;
  /** e.g. https://quiet-river-123.trycloudflare.com; null until the tunnel reports it. */
  publicUrl: string | null;
  /** publicUrl + '/v1': what goes into Cursor's "Override OpenAI Base URL". */
  openaiBaseUrl: string | null;
  /** The public URL's own client key, masked; null before first use or after revoke. */
  keyMasked: string | null;
  /** Epoch ms; null = no expiry. */
  keyExpiresAt: number | null;
  /** Bytes of cloudflared downloaded so far (state 'downloading'). */
  download: { receivedBytes: number; totalBytes: number | null } | null;
  /** Why the tunnel is not running, in words a user can act on. */
  error: string | null;
  /** Epoch ms the tunnel came up; null when off. */
  startedAt: number | null;
  /** Epoch ms the tunnel stops for lack of requests; null = never. */
  idleStopAt: number | null;
  /** Requests answered through the public URL since it started. */
  requests: number;
  /** Times cloudflared was restarted after it dropped. */
  restarts: number;
}

/** What `tunnel.test` saw calling the public URL the way Cursor does. */
export interface TunnelTestResult {
  ok: boolean;
  /** HTTP status of the last call; null when nothing answered. */
  status: number | null;
  /** The model's answer, or the models the URL lists when no model was asked. */
  answer: string | null;
  error: string | null;
  latencyMs: number;
}
