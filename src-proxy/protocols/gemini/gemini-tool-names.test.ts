import { describe, expect, it } from 'vitest';
import { buildGeminiToolNameMap, geminiToolNamesFromRestore, identityGeminiToolNameMap, sanitizeGeminiFunctionName } from './gemini-tool-names';
import { baseRequest } from './gemini-test-support';

describe('sanitizeGeminiFunctionName', () => {
  it.each([
    ['get_weather', 'get_weather'],
    ['ns.tool:v1-beta', 'ns.tool:v1-beta'],
    ['mcp/fs read', 'mcp_fs_read'],
    ['1st', '_1st'],
    ['-dash', '_-dash'],
    ['', '_'],
    ['héllo wörld', 'h_llo_w_rld'],
    ['a'.repeat(70), 'a'.repeat(64)],
    ['9'.repeat(70), `_${'9'.repeat(63)}`],
  ])('%s -> %s', (name, expected) => {
    expect(sanitizeGeminiFunctionName(name)).toBe(expected);
  });
});

describe('buildGeminiToolNameMap', () => {
  it('maps both ways and leaves valid names alone', () => {
    const names = buildGeminiToolNameMap(baseRequest({ tools: [{ name: 'ok_name', inputSchema: {} }, { name: 'bad name', inputSchema: {} }] }));
    expect(names.toGemini('ok_name')).toBe('ok_name');
    expect(names.toGemini('bad name')).toBe('bad_name');
    expect(names.fromGemini('bad_name')).toBe('bad name');
    expect(names.fromGemini('unknown')).toBe('unknown');
    expect(names.renamed()).toEqual({ 'bad name': 'bad_name' });
  });

  it('tells colliding names apart and is deterministic', () => {
    const request = baseRequest({
      tools: [
        { name: 'a b', inputSchema: {} },
        { name: 'a_b', inputSchema: {} },
        { name: 'a/b', inputSchema: {} },
      ],
    });
    const names = buildGeminiToolNameMap(request);
    expect(['a b', 'a_b', 'a/b'].map(names.toGemini)).toEqual(['a_b', 'a_b_2', 'a_b_3']);
    expect(['a_b', 'a_b_2', 'a_b_3'].map(names.fromGemini)).toEqual(['a b', 'a_b', 'a/b']);
    expect(buildGeminiToolNameMap(request).renamed()).toEqual(names.renamed());
  });

  it('keeps a collision suffix within 64 characters', () => {
    const long = 'x'.repeat(64);
    const names = buildGeminiToolNameMap(baseRequest({ tools: [{ name: long, inputSchema: {} }, { name: `${long}!`, inputSchema: {} }] }));
    expect(names.toGemini(`${long}!`)).toBe(`${'x'.repeat(62)}_2`);
  });

  it('includes names only seen in the history', () => {
    const names = buildGeminiToolNameMap(
      baseRequest({
        messages: [
          { role: 'assistant', content: [{ type: 'tool-call', id: '1', name: 'old tool', arguments: '{}' }] },
          { role: 'tool', content: [{ type: 'tool-result', toolCallId: '1', name: 'other tool', content: [] }] },
        ],
      }),
    );
    expect(names.renamed()).toEqual({ 'old tool': 'old_tool', 'other tool': 'other_tool' });
  });

  it('reads the map back from an opaque restore value', () => {
    const names = buildGeminiToolNameMap(baseRequest({ tools: [{ name: 'a b', inputSchema: {} }] }));
    expect(geminiToolNamesFromRestore(names).fromGemini('a_b')).toBe('a b');
    expect(geminiToolNamesFromRestore(undefined)).toBe(identityGeminiToolNameMap);
    expect(geminiToolNamesFromRestore({ toGemini: 1 })).toBe(identityGeminiToolNameMap);
  });

  it('has an identity map for callers without a request', () => {
    expect(identityGeminiToolNameMap.toGemini('a b')).toBe('a b');
    expect(identityGeminiToolNameMap.fromGemini('a b')).toBe('a b');
  });
});
