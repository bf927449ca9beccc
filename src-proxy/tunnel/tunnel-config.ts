import { z } from 'zod';
import { parseDurationSeconds } from '../../src-shared/parse-duration-seconds';
import { tunnelModes, type TunnelMode } from '../../src-shared/control/tunnel-types';

/**
 * The `tunnel:` block of config.yaml. Our own keys (CLIProxyAPI has no tunnel), documented in the
 * README's config table. Loose like every block, so a newer app's keys survive in an older one.
 */
const duration = z.union([z.number(), z.string()]).refine((value) => parseDurationSeconds(value) !== null, 'a duration such as 8h, 30m or 0');

export const tunnelConfigSchema = z.looseObject({
  mode: z.enum(tunnelModes).nullish(),
  /** Named tunnel token (cloudflared `tunnel run --token`), from the Cloudflare dashboard. */
  token: z.string().nullish(),
  /** Named tunnel or "my own public URL": the https address that reaches the tunnel listener. */
  'public-url': z.string().nullish(),
  /** Loopback port of the tunnel listener; 0 = any free port (quick), 8318 for named/external. */
  'listen-port': z.number().int().min(0).max(65535).nullish(),
  'idle-stop': duration.nullish(),
  'rate-limit-per-minute': z.number().int().min(0).nullish(),
  /** How long a newly created public key stays valid; 0 or empty = no expiry. */
  'key-lifetime': duration.nullish(),
  /** An explicit cloudflared binary; empty = PATH, then the app's own download. */
  'cloudflared-path': z.string().nullish(),
  /** `cliproxy serve` starts the tunnel too (the desktop app always waits for a click). */
  autostart: z.boolean().nullish(),
});

export type ParsedTunnelConfig = z.infer<typeof tunnelConfigSchema>;

export interface TunnelConfig {
  mode: TunnelMode;
  token: string;
  publicUrl: string;
  listenPort: number;
  /** 0 = never stop for lack of requests. */
  idleStopSeconds: number;
  /** 0 = no limit. */
  rateLimitPerMinute: number;
  /** 0 = keys do not expire. */
  keyLifetimeSeconds: number;
  cloudflaredPath: string;
  autostart: boolean;
}

export const TUNNEL_DEFAULTS: TunnelConfig = {
  mode: 'quick',
  token: '',
  publicUrl: '',
  listenPort: 0,
  /** 8 h: a work day; a forgotten public URL does not stay open overnight. */
  idleStopSeconds: 8 * 3600,
  /** Generous for one person's editor (Cursor sends a burst per edit), low enough to blunt abuse of a leaked key. */
  rateLimitPerMinute: 120,
  keyLifetimeSeconds: 0,
  cloudflaredPath: '',
  autostart: false,
};

/** The port named and external tunnels point at when `listen-port` is not set: it must stay the same across restarts. */
export const FIXED_TUNNEL_PORT = 8318;

export function normalizeTunnelConfig(parsed: ParsedTunnelConfig | null | undefined): TunnelConfig {
  if (!parsed) return { ...TUNNEL_DEFAULTS };
  return {
    mode: parsed.mode ?? TUNNEL_DEFAULTS.mode,
    token: parsed.token?.trim() ?? '',
    publicUrl: (parsed['public-url']?.trim() ?? '').replace(/\/+$/, '').replace(/\/v1$/, ''),
    listenPort: parsed['listen-port'] ?? TUNNEL_DEFAULTS.listenPort,
    idleStopSeconds: Math.max(0, secondsOr(parsed['idle-stop'], TUNNEL_DEFAULTS.idleStopSeconds)),
    rateLimitPerMinute: parsed['rate-limit-per-minute'] ?? TUNNEL_DEFAULTS.rateLimitPerMinute,
    keyLifetimeSeconds: Math.max(0, secondsOr(parsed['key-lifetime'], TUNNEL_DEFAULTS.keyLifetimeSeconds)),
    cloudflaredPath: parsed['cloudflared-path']?.trim() ?? '',
    autostart: parsed.autostart ?? false,
  };
}

function secondsOr(value: number | string | null | undefined, fallback: number): number {
  if (value === null || value === undefined || value === '') return fallback;
  return parseDurationSeconds(value) ?? fallback;
}
