import type { WireFormat } from '../../canonical/index';
import { clientHeader } from '../client-header';
import type { ClientHeaders, UpstreamCall } from '../provider-definition';

/** Claude Code's identity line without its final period, so the Agent SDK variant ("..., running within ...") matches too. */
const identityPrefix = "You are Claude Code, Anthropic's official CLI for Claude";
const billingPrefix = 'x-anthropic-billing-header:';

export interface ClientRequest {
  headers: ClientHeaders;
  wire: WireFormat;
  body: Readonly<Record<string, unknown>>;
  operation: UpstreamCall['operation'];
}

/**
 * Whether a request comes from a real Claude Code client (docs/providers.md#claude-native-clients), judged
 * from what the client sent. All of:
 * 1. it spoke the Anthropic Messages API (Claude Code speaks nothing else);
 * 2. its `user-agent` starts with `claude-cli/` (case-insensitive), Claude Code's own user agent;
 * 3. its body carries Claude Code's fingerprint: the first `system` text, skipping a leading
 *    `x-anthropic-billing-header:` block (newer versions send one first), starts with
 *    "You are Claude Code, Anthropic's official CLI for Claude". A count_tokens request with no
 *    `system` at all also passes, because Claude Code's token counts carry only model, messages and tools.
 * A user agent alone is easy to copy, so it never suffices. Claude Code's helper calls that use another
 * system prompt (titles, quota probes) count as not native and are cloaked, which sends them as Claude
 * Code anyway.
 */
export function isNativeClaudeCodeRequest(request: ClientRequest): boolean {
  if (request.wire !== 'anthropic-messages') return false;
  if (!/^claude-cli\//i.test(clientHeader(request.headers, 'user-agent'))) return false;
  const { system } = request.body;
  if (system === undefined && request.operation === 'count-tokens') return true;
  return firstSystemText(system)?.startsWith(identityPrefix) ?? false;
}

function firstSystemText(system: unknown): string | undefined {
  if (typeof system === 'string') return system;
  if (!Array.isArray(system)) return undefined;
  for (const block of system) {
    const text = textOf(block);
    if (text === undefined) return undefined;
    if (!text.startsWith(billingPrefix)) return text;
  }
  return undefined;
}

function textOf(block: unknown): string | undefined {
  if (typeof block !== 'object' || block === null) return undefined;
  const { type, text } = block as { type?: unknown; text?: unknown };
  return type === 'text' && typeof text === 'string' ? text : undefined;
}
