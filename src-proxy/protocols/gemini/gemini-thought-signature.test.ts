import { describe, expect, it } from 'vitest';
import {
  clientThoughtSignature,
  decodeClientThoughtSignature,
  decodeUpstreamThoughtSignature,
  SKIP_THOUGHT_SIGNATURE,
} from './gemini-thought-signature';

describe('Gemini thought signatures', () => {
  it('has the documented bypass value', () => {
    expect(SKIP_THOUGHT_SIGNATURE).toBe('skip_thought_signature_validator');
  });

  it('shows Gemini signatures to clients as they are', () => {
    expect(clientThoughtSignature('CiQB0e2Kb', 'gemini')).toBe('CiQB0e2Kb');
    expect(decodeClientThoughtSignature('CiQB0e2Kb')).toEqual({ signature: 'CiQB0e2Kb', format: 'gemini' });
  });

  it('round-trips foreign signatures through a valid base64 carrier', () => {
    for (const [signature, format, redacted] of [
      ['EqQBCkgIARABGAIiQ', 'anthropic', false],
      ['gAAAAABo-enc', 'openai-responses', false],
      ['redacted-data', 'anthropic', true],
    ] as const) {
      const carrier = clientThoughtSignature(signature, format, redacted);
      expect(carrier).toMatch(/^[A-Za-z0-9+/]+=*$/);
      expect(decodeClientThoughtSignature(carrier)).toEqual({ signature, format, ...(redacted ? { redacted: true } : {}) });
    }
  });

  it('treats the sentinel and empty values as no signature', () => {
    expect(decodeClientThoughtSignature(SKIP_THOUGHT_SIGNATURE)).toBeUndefined();
    expect(decodeClientThoughtSignature('')).toBeUndefined();
    expect(decodeClientThoughtSignature(null)).toBeUndefined();
    expect(decodeUpstreamThoughtSignature(SKIP_THOUGHT_SIGNATURE)).toBeUndefined();
    expect(decodeUpstreamThoughtSignature('abc')).toEqual({ signature: 'abc', format: 'gemini' });
  });

  it('keeps a malformed carrier as an opaque Gemini signature', () => {
    const fake = Buffer.from('cliproxy-sig:v2:whatever').toString('base64');
    expect(decodeClientThoughtSignature(fake)).toEqual({ signature: fake, format: 'gemini' });
  });
});
