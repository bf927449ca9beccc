import { describe, expect, it } from 'vitest';
import { claudeBillingHeader, claudeBuildFingerprint, lastUserText } from './claude-billing-header';

describe('claudeBuildFingerprint', () => {
  // Expected values: first 3 hex of sha256('59cf53e54c78' + chars at 4, 7, 20 + version), computed by hand.
  it('hashes the salt, the characters at positions 4, 7 and 20, and the version', () => {
    // 'Write a haiku about the sea, please': [4] 'e', [7] ' ', [20] 't'.
    expect(claudeBuildFingerprint('Write a haiku about the sea, please', '2.1.220')).toBe('706');
  });

  it("uses '0' for positions past the end", () => {
    expect(claudeBuildFingerprint('', '2.1.220')).toBe('04c');
  });

  it('counts code points, not UTF-16 units', () => {
    expect(claudeBuildFingerprint('😀😀😀😀X😀😀Y', '2.1.220')).toBe('8e5');
  });
});

describe('claudeBillingHeader', () => {
  it('is the unsigned form: version.fingerprint and the cli entrypoint, no cch', () => {
    expect(claudeBillingHeader('2.1.220', 'Write a haiku about the sea, please')).toBe('x-anthropic-billing-header: cc_version=2.1.220.706; cc_entrypoint=cli;');
  });
});

describe('lastUserText', () => {
  it('takes the last text block of the last user message that has text', () => {
    const messages = [
      { role: 'user', content: 'first' },
      { role: 'assistant', content: 'reply' },
      { role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'image', source: {} }, { type: 'text', text: 'b' }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: 'out' }] },
    ];
    expect(lastUserText(messages)).toBe('b');
  });

  it("is '' without user text", () => {
    expect(lastUserText(undefined)).toBe('');
    expect(lastUserText([{ role: 'assistant', content: 'x' }])).toBe('');
  });
});
