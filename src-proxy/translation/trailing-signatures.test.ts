import { describe, expect, it } from 'vitest';
import type { AssistantContentPart } from '../canonical/index';
import { withoutTrailingSignatures } from './trailing-signatures';

describe('withoutTrailingSignatures', () => {
  it('drops the signature carriers after the answer and keeps every other part', () => {
    const content: AssistantContentPart[] = [
      { type: 'reasoning', text: '', signature: 'summary-less', signatureFormat: 'openai-responses' },
      { type: 'reasoning', text: '', signature: 'call-sig', signatureFormat: 'gemini' },
      { type: 'tool-call', id: 'c', name: 'f', arguments: '{}' },
      { type: 'text', text: 'Answer' },
      { type: 'reasoning', text: '', signature: 'text-sig', signatureFormat: 'gemini' },
      { type: 'reasoning', text: '', signature: 'end-sig', signatureFormat: 'gemini' },
    ];
    expect(withoutTrailingSignatures(content)).toEqual(content.slice(0, 4));
  });

  it('keeps trailing reasoning that has text or is redacted', () => {
    const content: AssistantContentPart[] = [
      { type: 'text', text: 'Answer' },
      { type: 'reasoning', text: 'afterthought', signature: 's', signatureFormat: 'gemini' },
      { type: 'reasoning', text: '', signature: 'enc', signatureFormat: 'anthropic', redacted: true },
    ];
    expect(withoutTrailingSignatures(content)).toEqual(content);
  });
});
