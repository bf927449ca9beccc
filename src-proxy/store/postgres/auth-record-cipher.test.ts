import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AuthRecordCipher } from './auth-record-cipher';

const keyA = randomBytes(32).toString('base64');
const keyB = randomBytes(32).toString('base64');
const text = '{"type":"claude","access_token":"sk-ant-oat-secret","refresh_token":"rt-secret"}';

describe('AuthRecordCipher', () => {
  it('seals so that no token is readable and opens back to the same text', () => {
    const cipher = AuthRecordCipher.fromEnvironment({ CLIPROXY_STORE_KEY: keyA });
    const sealed = cipher.seal('claude-a.json', text);
    expect(sealed).not.toContain('secret');
    expect(sealed.startsWith(`v1.${cipher.keyId}.`)).toBe(true);
    expect(cipher.open('claude-a.json', sealed)).toBe(text);
    expect(cipher.seal('claude-a.json', text)).not.toBe(sealed);
  });

  it('refuses a row moved to another id, an altered row and an unknown key', () => {
    const cipher = AuthRecordCipher.fromEnvironment({ CLIPROXY_STORE_KEY: keyA });
    const sealed = cipher.seal('claude-a.json', text);
    expect(() => cipher.open('claude-b.json', sealed)).toThrow(/does not decrypt/);
    const parts = sealed.split('.');
    const body = parts[4] ?? '';
    parts[4] = `${body.startsWith('A') ? 'B' : 'A'}${body.slice(1)}`;
    expect(() => cipher.open('claude-a.json', parts.join('.'))).toThrow(/does not decrypt/);
    expect(() => AuthRecordCipher.fromEnvironment({ CLIPROXY_STORE_KEY: keyB }).open('claude-a.json', sealed)).toThrow(/neither CLIPROXY_STORE_KEY nor in CLIPROXY_STORE_PREVIOUS_KEYS/);
  });

  it('rotation: a new key reads rows sealed with a previous key and writes with the new one', () => {
    const old = AuthRecordCipher.fromEnvironment({ CLIPROXY_STORE_KEY: keyA });
    const rotated = AuthRecordCipher.fromEnvironment({ CLIPROXY_STORE_KEY: keyB, CLIPROXY_STORE_PREVIOUS_KEYS: ` ${keyA} ` });
    expect(rotated.open('x.json', old.seal('x.json', text))).toBe(text);
    expect(rotated.seal('x.json', text).split('.')[1]).toBe(rotated.keyId);
    expect(rotated.keyId).not.toBe(old.keyId);
  });

  it('requires a 32-byte key', () => {
    expect(() => AuthRecordCipher.fromEnvironment({})).toThrow(/set CLIPROXY_STORE_KEY/);
    expect(() => AuthRecordCipher.fromEnvironment({ CLIPROXY_STORE_KEY: 'short' })).toThrow(/must be 32 bytes/);
  });
});
