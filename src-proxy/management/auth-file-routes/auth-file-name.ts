export type AuthFileNameCheck = { ok: true; name: string } | { ok: false; error: 'invalid name' | 'name must end with .json' };

/**
 * A name the auth-file routes may touch: one plain `*.json` file directly in auth-dir. Path separators,
 * drive letters, `.`/`..` and control characters are refused (CPA: 400 `invalid name`), as is any other
 * extension (400 `name must end with .json`).
 */
export function checkAuthFileName(raw: unknown): AuthFileNameCheck {
  const name = typeof raw === 'string' ? raw.trim() : '';
  if (name === '' || name === '.' || name === '..' || /[/\\:\u0000-\u001f]/.test(name)) return { ok: false, error: 'invalid name' };
  if (!name.toLowerCase().endsWith('.json')) return { ok: false, error: 'name must end with .json' };
  return { ok: true, name };
}
