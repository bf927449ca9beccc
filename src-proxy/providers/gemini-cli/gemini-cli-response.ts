/**
 * Cloud Code Assist wraps every answer (docs/providers.md#gemini-cli-executor): `{"response": {...}, ...}` as JSON and on each
 * SSE `data:` line. These unwrap it so the Gemini decoder (or a Gemini client) sees a plain
 * GenerateContentResponse; countTokens (`{totalTokens}`) has no envelope and passes as it is.
 */
export function unwrapGeminiCliJson(text: string): string {
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && 'response' in parsed) return JSON.stringify((parsed as { response: unknown }).response);
  } catch {
    // not JSON: left alone
  }
  return text;
}

/** Buffered replies (ProviderDefinition.assembleBufferedReply). */
export function unwrapGeminiCliReply(body: string): { ok: true; body: string } {
  return { ok: true, body: unwrapGeminiCliJson(body) };
}

/** A per-stream rewriter of SSE bytes: complete lines are rewritten, a partial line waits for the next chunk. */
export function createGeminiCliStreamRewriter(): { push(chunk: Buffer): Buffer; flush(): Buffer } {
  // Bytes, not text, are held back: a chunk may end inside a multi-byte character.
  let pending: Buffer = Buffer.alloc(0);
  const rewriteLine = (line: string): string => {
    const match = /^data:\s?(.*?)(\r?)$/s.exec(line);
    if (!match || match[1] === undefined || !match[1].startsWith('{')) return line;
    return `data: ${unwrapGeminiCliJson(match[1])}${match[2] ?? ''}`;
  };
  return {
    push(chunk) {
      const bytes = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
      const end = bytes.lastIndexOf(0x0a);
      if (end < 0) {
        pending = bytes;
        return Buffer.alloc(0);
      }
      pending = Buffer.from(bytes.subarray(end + 1));
      return Buffer.from(bytes.subarray(0, end + 1).toString('utf8').split('\n').map(rewriteLine).join('\n'));
    },
    flush() {
      const rest = pending;
      pending = Buffer.alloc(0);
      return rest.length > 0 ? Buffer.from(rewriteLine(rest.toString('utf8'))) : Buffer.alloc(0);
    },
  };
}
