import { describe, expect, it } from 'vitest';
import { parseAuthData, type AuthRecord } from '../../auth-store/auth-record';
import type { Credential } from '../../routing/credential';
import { CredentialCounters } from '../../routing/credential-counters';
import { CredentialHealth } from '../../routing/credential-health';
import type { FileAccount } from './auth-accounts';
import { buildAuthFileEntry } from './build-auth-file-entry';
import { providerByAuthFileType } from '../../providers/registry';

const now = Date.UTC(2026, 10, 26, 12, 5);
const stat = { size: 120, modifiedAt: now - 60_000, createdAt: now - 120_000 };

function record(id: string, data: Record<string, unknown>): AuthRecord {
  const parsed = parseAuthData(id, data, providerByAuthFileType);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.record;
}

function account(rec: AuthRecord | null, credentialIds: string[], problem: string | null = null): FileAccount {
  const credentials = credentialIds.map((id) => ({ id, provider: rec?.provider ?? '' }) as Credential);
  return { kind: 'file', id: rec?.id ?? 'broken.json', path: `/auths/${rec?.id ?? 'broken.json'}`, authIndex: 'abcdef0123456789', record: rec, problem, credentials };
}

function entry(target: FileAccount, health = new CredentialHealth(), counters = new CredentialCounters()) {
  return buildAuthFileEntry(target, stat, { health, counters, now });
}

describe('buildAuthFileEntry', () => {
  it('sums the counters of every credential of the file (a Gemini project list)', () => {
    const counters = new CredentialCounters();
    counters.record('auth:g.json::p1', true, now - 1000);
    counters.record('auth:g.json::p2', false, now - 1000);
    const gemini = record('g.json', { type: 'gemini', project_id: 'p1,p2', email: 'c@example.com' });
    const result = entry(account(gemini, ['auth:g.json::p1', 'auth:g.json::p2']), undefined, counters);
    expect(result).toMatchObject({ success: 1, failed: 1, project_id: 'p1,p2', type: 'gemini-cli', created_at: new Date(stat.createdAt).toISOString() });
    expect((result.recent_requests as Array<{ success: number; failed: number }>).at(-1)).toMatchObject({ success: 1, failed: 1 });
  });

  it('reports a whole-credential cooldown as cooling with next_retry_after', () => {
    const health = new CredentialHealth();
    health.recordFailure('auth:c.json', 'm', { rotate: true, cooldownMs: 1_800_000, scope: 'credential', reason: 'unauthorized', quota: false }, now - 1000, false);
    const result = entry(account(record('c.json', { type: 'claude' }), ['auth:c.json']), health);
    const until = new Date(now - 1000 + 1_800_000).toISOString();
    expect(result).toMatchObject({ status: 'cooling', unavailable: true, status_message: `cooling down until ${until} (unauthorized)`, next_retry_after: until });
  });

  it('shows the needs-relogin mark, files that give no account to serve and unreadable files as error', () => {
    const dead = record('c.json', { type: 'claude', needs_relogin: true, needs_relogin_reason: 'invalid_grant: revoked' });
    expect(entry(account(dead, ['auth:c.json']))).toMatchObject({ status: 'error', status_message: 'needs re-login (invalid_grant: revoked)', unavailable: true });
    expect(entry(account(record('a.json', { type: 'antigravity' }), []))).toMatchObject({ status: 'error', status_message: 'this antigravity file gives no account to serve yet (see its provider in docs/providers.md)' });
    expect(entry(account(null, [], 'not valid JSON'))).toMatchObject({ name: 'broken.json', status: 'error', status_message: 'invalid auth file: not valid JSON', type: '' });
  });

  it('never carries a token, key or cookie of the file', () => {
    const secrets = { access_token: 'AT-secret', refresh_token: 'RT-secret', api_key: 'AK-secret', cookie: 'CK-secret', id_token: 'a.eyJ9.b' };
    const text = JSON.stringify(entry(account(record('i.json', { type: 'iflow', ...secrets }), ['auth:i.json'])));
    for (const value of Object.values(secrets)) expect(text).not.toContain(value);
  });
});
