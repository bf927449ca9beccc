import type { CanonicalStreamPart, CanonicalUsage } from '../../canonical/index';
import type { StreamDecoder } from '../../sse/stream-codec';

export interface UsageTappedDecoder {
  decoder: StreamDecoder;
  /** The usage decoded so far: the `finish` part's, else the `usage` parts merged; undefined when none came. */
  usage(): CanonicalUsage | undefined;
}

/**
 * A translated stream's usage, read off the canonical parts its decoder emits (bootstrap included, so
 * an Anthropic message_start's input tokens count even when the stream breaks later).
 */
export function tapStreamUsage(inner: StreamDecoder): UsageTappedDecoder {
  let reported: Partial<CanonicalUsage> | undefined;
  let final: CanonicalUsage | undefined;
  const observe = (parts: CanonicalStreamPart[]): CanonicalStreamPart[] => {
    for (const part of parts) {
      if (part.type === 'finish') final = part.usage;
      else if (part.type === 'usage') reported = { ...reported, ...part.usage };
    }
    return parts;
  };
  return {
    decoder: { decode: (event) => observe(inner.decode(event)), flush: () => observe(inner.flush()) },
    usage: () => final ?? (reported && completeUsage(reported)),
  };
}

function completeUsage(usage: Partial<CanonicalUsage>): CanonicalUsage {
  const inputTokens = usage.inputTokens ?? 0;
  const outputTokens = usage.outputTokens ?? 0;
  return { ...usage, inputTokens, outputTokens, totalTokens: usage.totalTokens ?? inputTokens + outputTokens };
}
