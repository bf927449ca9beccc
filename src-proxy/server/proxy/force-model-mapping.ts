/**
 * `force-mapping` (docs/routing.md#aliases-and-force-mapping) on the pass-through path: the upstream names its real model in every answer
 * (`"model"`, Gemini's `"modelVersion"`); the client asked for an alias and should see the alias. Only the
 * exact JSON string value is replaced, so nothing else in a body can change. Translated answers already
 * carry the requested model.
 */
export interface ModelNameRewriter {
  push(chunk: Buffer): Buffer;
  flush(): Buffer;
}

export function rewriteModelNames(text: string, upstreamModel: string, answerModel: string): string {
  let result = text;
  for (const [from, to] of replacementsFor(upstreamModel, answerModel)) result = result.replaceAll(from, to);
  return result;
}

/**
 * A stream rewriter: JSON values never span lines in SSE, so whole lines are rewritten and a partial last
 * line waits for the next chunk.
 */
export function createModelNameRewriter(upstreamModel: string, answerModel: string): ModelNameRewriter {
  // Bytes, not text: a chunk may end inside a multi-byte character; '\n' never occurs inside one.
  let carry: Buffer = Buffer.alloc(0);
  const rewrite = (bytes: Buffer) => Buffer.from(rewriteModelNames(bytes.toString('utf8'), upstreamModel, answerModel), 'utf8');
  return {
    push(chunk) {
      const bytes = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
      const end = bytes.lastIndexOf(0x0a) + 1;
      carry = bytes.subarray(end);
      return end === 0 ? Buffer.alloc(0) : rewrite(bytes.subarray(0, end));
    },
    flush() {
      const rest = carry;
      carry = Buffer.alloc(0);
      return rest.length === 0 ? rest : rewrite(rest);
    },
  };
}

function replacementsFor(upstreamModel: string, answerModel: string): Array<[string, string]> {
  const from = JSON.stringify(upstreamModel);
  const to = JSON.stringify(answerModel);
  return ['"model":', '"model": ', '"modelVersion":', '"modelVersion": '].map((key) => [key + from, key + to]);
}
