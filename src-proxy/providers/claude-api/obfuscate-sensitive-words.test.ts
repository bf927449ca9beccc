import { describe, expect, it } from 'vitest';
import { obfuscateSensitiveWords, obfuscateText, sensitiveWordPattern } from './obfuscate-sensitive-words';

const zw = '\u200b';

function pattern(words: string[]): RegExp {
  const compiled = sensitiveWordPattern(words);
  if (!compiled) throw new Error('expected a pattern');
  return compiled;
}

describe('obfuscateText', () => {
  it('puts U+200B between the characters of every match, case-insensitively, keeping the original case', () => {
    expect(obfuscateText('Use the api via a PROXY. Api!', pattern(['API', 'proxy']))).toBe(`Use the a${zw}p${zw}i via a P${zw}R${zw}O${zw}X${zw}Y. A${zw}p${zw}i!`);
  });

  it('prefers the longest word and escapes regex characters', () => {
    expect(obfuscateText('openai-proxy and a.b', pattern(['proxy', 'openai-proxy', 'a.b']))).toBe(
      `o${zw}p${zw}e${zw}n${zw}a${zw}i${zw}-${zw}p${zw}r${zw}o${zw}x${zw}y and a${zw}.${zw}b`,
    );
    expect(obfuscateText('axb', pattern(['a.b']))).toBe('axb');
  });

  it('splits by code point', () => {
    expect(obfuscateText('x😀y', pattern(['😀y']))).toBe(`x😀${zw}y`);
  });

  it('ignores single characters and words already obfuscated', () => {
    expect(sensitiveWordPattern(['a', ' ', `a${zw}b`])).toBeUndefined();
  });
});

describe('obfuscateSensitiveWords', () => {
  it('rewrites message text, system text and tool descriptions without touching the input objects', () => {
    const tool = { name: 'proxy_tool', description: 'Calls the proxy', input_schema: { type: 'object', properties: { q: { type: 'string', description: 'proxy query' } } } };
    const untouched = { role: 'assistant', content: [{ type: 'thinking', thinking: 'proxy', signature: 's' }] };
    const input = deepFreeze({
      system: [{ type: 'text', text: 'KEEP proxy' }, { type: 'text', text: 'a proxy' }],
      messages: [{ role: 'user', content: 'my proxy' }, untouched, { role: 'user', content: [{ type: 'text', text: 'Proxy!' }] }],
      tools: [tool],
    });
    const body: Record<string, unknown> = { ...input };
    obfuscateSensitiveWords(body, pattern(['proxy']), new Set(['KEEP proxy']));
    const proxy = `p${zw}r${zw}o${zw}x${zw}y`;
    expect(body.system).toEqual([{ type: 'text', text: 'KEEP proxy' }, { type: 'text', text: `a ${proxy}` }]);
    expect(body.messages).toEqual([
      { role: 'user', content: `my ${proxy}` },
      untouched,
      { role: 'user', content: [{ type: 'text', text: `P${zw}r${zw}o${zw}x${zw}y!` }] },
    ]);
    expect((body.messages as unknown[])[1]).toBe(untouched);
    expect(body.tools).toEqual([
      { name: 'proxy_tool', description: `Calls the ${proxy}`, input_schema: { type: 'object', properties: { q: { type: 'string', description: `${proxy} query` } } } },
    ]);
  });
});

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}
