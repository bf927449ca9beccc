import { describe, expect, it } from 'vitest';
import { applyAuthFileFields } from './apply-auth-file-fields';

const data = { type: 'claude', access_token: 'secret', email: 'a@example.com', priority: 1, note: 'old', meta: { keep: 1 } };

describe('applyAuthFileFields', () => {
  it('sets known fields, normalises kebab-case roots, clears with null and keeps the rest', () => {
    const result = applyAuthFileFields(data, { 'proxy-url': 'socks5://127.0.0.1:1080', priority: 5, note: null, headers: { 'X-A': 'b' }, 'excluded-models': ['gpt-*'] });
    expect(result).toEqual({
      ok: true,
      data: { type: 'claude', access_token: 'secret', email: 'a@example.com', priority: 5, meta: { keep: 1 }, proxy_url: 'socks5://127.0.0.1:1080', headers: { 'X-A': 'b' }, excluded_models: ['gpt-*'] },
    });
  });

  it('sets dotted paths of other fields, creating objects on the way, without touching the input', () => {
    const result = applyAuthFileFields(data, { 'meta.inner.flag': true, cloak_mode: 'never' });
    expect(result.ok && result.data.meta).toEqual({ keep: 1, inner: { flag: true } });
    expect(result.ok && result.data.cloak_mode).toBe('never');
    expect(data.meta).toEqual({ keep: 1 });
  });

  it('treats a negative request_retry as inherit (removed), as CPA does', () => {
    const result = applyAuthFileFields({ ...data, request_retry: 2 }, { request_retry: -1 });
    expect(result.ok && 'request_retry' in result.data).toBe(false);
  });

  it('refuses wrong types, protected fields, nested known fields, prototype keys and an empty patch', () => {
    expect(applyAuthFileFields(data, { priority: '5' })).toEqual({ ok: false, error: 'priority must be an integer or null' });
    expect(applyAuthFileFields(data, { headers: { a: 1 } })).toEqual({ ok: false, error: 'headers must be an object of strings or null' });
    expect(applyAuthFileFields(data, { excluded_models: 'gpt' })).toEqual({ ok: false, error: 'excluded_models must be a list of strings or null' });
    expect(applyAuthFileFields(data, { access_token: 'x' })).toEqual({ ok: false, error: 'field access_token cannot be changed here' });
    expect(applyAuthFileFields(data, { type: 'codex' })).toEqual({ ok: false, error: 'field type cannot be changed here' });
    expect(applyAuthFileFields(data, { 'priority.x': 1 })).toEqual({ ok: false, error: 'priority does not support nested fields' });
    expect(applyAuthFileFields(data, { '__proto__.polluted': true })).toEqual({ ok: false, error: 'invalid field __proto__.polluted' });
    expect(applyAuthFileFields(data, { constructor: 1 })).toEqual({ ok: false, error: 'invalid field constructor' });
    expect(applyAuthFileFields(data, {})).toEqual({ ok: false, error: 'no fields to update' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
