import { describe, expect, it } from 'vitest';
import { checkAuthFileName } from './auth-file-name';

describe('checkAuthFileName', () => {
  it('accepts a plain .json name and refuses path parts, drive letters, dot names and other extensions', () => {
    expect(checkAuthFileName(' claude-a@example.com.json ')).toEqual({ ok: true, name: 'claude-a@example.com.json' });
    for (const bad of ['../a.json', 'a/b.json', 'a\\b.json', 'C:a.json', '..', '', 'a\u0000.json', 42]) expect(checkAuthFileName(bad)).toEqual({ ok: false, error: 'invalid name' });
    expect(checkAuthFileName('config.yaml')).toEqual({ ok: false, error: 'name must end with .json' });
  });
});
