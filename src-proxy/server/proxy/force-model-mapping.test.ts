import { describe, expect, it } from 'vitest';
import { createModelNameRewriter, rewriteModelNames } from './force-model-mapping';

describe('force-mapping model name rewriting', () => {
  it('replaces only the model and modelVersion values that name the upstream model', () => {
    const body = '{"model":"up-1","content":"the \\"model\\":\\"up-1\\" text stays","x":{"model": "up-1"},"modelVersion":"up-1","other":"up-1"}';
    expect(rewriteModelNames(body, 'up-1', 'alias')).toBe('{"model":"alias","content":"the \\"model\\":\\"up-1\\" text stays","x":{"model": "alias"},"modelVersion":"alias","other":"up-1"}');
  });

  it('rewrites a stream cut at every possible byte (inside multi-byte characters too) the same as the whole text', () => {
    const stream = Buffer.from('data: {"id":"1","model":"up-1","choices":[{"delta":{"content":"Grüße 🌍"}}]}\n\ndata: {"id":"2","model":"up-1"}\n\ndata: [DONE]\n\n');
    const expected = rewriteModelNames(stream.toString(), 'up-1', 'alias');
    for (let cut = 0; cut <= stream.length; cut += 1) {
      const rewriter = createModelNameRewriter('up-1', 'alias');
      const out = Buffer.concat([rewriter.push(stream.subarray(0, cut)), rewriter.push(stream.subarray(cut)), rewriter.flush()]).toString();
      expect(out, `cut at ${cut}`).toBe(expected);
    }
    expect(expected).not.toContain('up-1');
  });
});
