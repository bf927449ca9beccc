import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../config/load-config';

const configDir = '/srv/cliproxy';

function store(text: string) {
  const result = parseConfigText(text, { configDir });
  if (!result.ok) throw new Error(result.problems.map((problem) => `${problem.path}: ${problem.message}`).join('; '));
  return result.config.store;
}

describe('store: config block', () => {
  it('defaults to files (auth-dir + SQLite), as the desktop app runs', () => {
    expect(store('port: 8317\n')).toEqual({ type: 'files', dsn: '', schema: 'cliproxy', sslMode: '', sslRootCert: '' });
  });

  it('takes the short form `store: postgres` (the DSN then comes from CLIPROXY_PG_DSN)', () => {
    expect(store('store: postgres\n')).toMatchObject({ type: 'postgres', dsn: '', schema: 'cliproxy' });
  });

  it('takes the block form with DSN, schema and TLS; a relative CA path is relative to the config folder', () => {
    const text = 'store:\n  type: postgres\n  dsn: " postgres://app@db:5432/team "\n  schema: team_a\n  ssl-mode: verify-full\n  ssl-root-cert: certs/ca.pem\n';
    expect(store(text)).toEqual({ type: 'postgres', dsn: 'postgres://app@db:5432/team', schema: 'team_a', sslMode: 'verify-full', sslRootCert: '/srv/cliproxy/certs/ca.pem' });
  });

  it('refuses a schema that is not a plain identifier and an unknown store type', () => {
    expect(parseConfigText('store:\n  type: postgres\n  schema: "x; DROP TABLE y"\n', { configDir }).ok).toBe(false);
    expect(parseConfigText('store: redis\n', { configDir }).ok).toBe(false);
  });
});
