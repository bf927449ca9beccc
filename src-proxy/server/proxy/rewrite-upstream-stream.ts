import type { UpstreamExchange } from '../../http/dispatch-upstream';
import type { AttemptOutcome } from '../../routing/execute-with-retry';
import type { UpstreamReply } from './attempt-upstream';

export interface StreamRewriter {
  push(chunk: Buffer): Buffer;
  flush(): Buffer;
}

/**
 * A stream rewriter (a provider's ProviderDefinition.createStreamRewriter, or force-mapping's model names)
 * put between the upstream body and everything that reads it: `first` stays non-empty (more chunks are
 * pulled while a partial line waits), and pull (`next`, `readAll`) and push (`pipe`) modes both see
 * rewritten bytes.
 */
export async function rewriteStreamingReply(outcome: AttemptOutcome<UpstreamReply>, createRewriter: () => StreamRewriter): Promise<AttemptOutcome<UpstreamReply>> {
  if (!outcome.ok || outcome.value.kind !== 'streaming') return outcome;
  const reply = outcome.value;
  const rewriter = createRewriter();
  const inner = reply.source;
  let ended = false;
  const next = async (): Promise<Buffer | null> => {
    for (;;) {
      if (ended) return null;
      const chunk = await inner.next();
      if (chunk === null) {
        ended = true;
        const rest = rewriter.flush();
        return rest.length > 0 ? rest : null;
      }
      const rewritten = rewriter.push(chunk);
      if (rewritten.length > 0) return rewritten;
    }
  };
  let first = rewriter.push(reply.first);
  if (first.length === 0) {
    const more = await next();
    first = more ?? rewriter.flush();
  }
  const source: UpstreamExchange = {
    status: inner.status,
    headers: inner.headers,
    next,
    async readAll() {
      const parts: Buffer[] = [];
      for (let chunk = await next(); chunk !== null; chunk = await next()) parts.push(chunk);
      return Buffer.concat(parts);
    },
    pipe(handlers) {
      return inner.pipe({
        onChunk: (chunk) => {
          const rewritten = rewriter.push(chunk);
          return rewritten.length > 0 ? handlers.onChunk(rewritten) : true;
        },
        onEnd: () => {
          const rest = rewriter.flush();
          if (rest.length > 0) handlers.onChunk(rest);
          handlers.onEnd();
        },
        onError: (error) => handlers.onError(error),
      });
    },
    cancel: () => inner.cancel(),
  };
  return { ok: true, value: { ...reply, first, source } };
}
