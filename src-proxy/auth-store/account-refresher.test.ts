import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountRefresher, NeedsReloginError, OAuthRefreshError, type RefreshFunction } from './account-refresher';
import { parseAuthData } from './auth-record';
import { AuthStore } from './auth-store';
import { formatAuthTime } from './parse-auth-time';
import { providerByAuthFileType, refreshLeadByProvider } from '../providers/registry';

const now = Date.UTC(2026, 10, 26, 12);
const hour = 3_600_000;

describe('AccountRefresher', () => {
  let folder: string;
  let store: AuthStore;

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'refresher-'));
    await writeFile(join(folder, 'claude-a.json'), JSON.stringify({ type: 'claude', access_token: 'old', refresh_token: 'r1', expired: formatAuthTime(now + hour), note: 'kept' }));
    store = new AuthStore(folder, { providerByType: providerByAuthFileType });
    await store.rescan();
  });
  afterEach(async () => rm(folder, { recursive: true, force: true }));

  function refresherWith(refresh: RefreshFunction): AccountRefresher {
    return new AccountRefresher({ store, refreshers: { claude: refresh }, leads: refreshLeadByProvider, now: () => now });
  }

  it('shares one refresh between concurrent callers and persists its result', async () => {
    let calls = 0;
    const refresher = refresherWith(async () => {
      calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { access_token: 'new', refresh_token: 'r2', expired: formatAuthTime(now + 8 * hour) };
    });
    const results = await Promise.all(Array.from({ length: 20 }, () => refresher.refresh('claude-a.json')));
    expect(calls).toBe(1);
    expect(new Set(results.map((record) => record.data.access_token))).toEqual(new Set(['new']));
    const saved = JSON.parse(await readFile(join(folder, 'claude-a.json'), 'utf8')) as Record<string, unknown>;
    expect(saved).toMatchObject({ access_token: 'new', refresh_token: 'r2', note: 'kept' });
    expect(store.get('claude-a.json')?.expiresAt).toBe(now + 8 * hour);
    await refresher.refresh('claude-a.json');
    expect(calls).toBe(2);
  });

  it('marks invalid_grant as needs-relogin, keeps the file and never calls the provider again', async () => {
    let calls = 0;
    const refresher = refresherWith(async () => {
      calls += 1;
      throw new OAuthRefreshError('refresh token revoked', 'invalid_grant');
    });
    await expect(refresher.refresh('claude-a.json')).rejects.toBeInstanceOf(NeedsReloginError);
    await expect(refresher.refresh('claude-a.json')).rejects.toBeInstanceOf(NeedsReloginError);
    expect(calls).toBe(1);
    const record = store.get('claude-a.json');
    if (!record) throw new Error('file dropped');
    expect(refresher.state(record)).toBe('needs-relogin');
    expect(refresher.isDue(record)).toBe(false);
    expect(record).toMatchObject({ needsRelogin: true, needsReloginReason: 'invalid_grant: refresh token revoked' });
    expect(JSON.parse(await readFile(join(folder, 'claude-a.json'), 'utf8'))).toMatchObject({ access_token: 'old', note: 'kept', needs_relogin: true, needs_relogin_reason: 'invalid_grant: refresh token revoked' });
  });

  it('regression: a login saved while the failing refresh was in flight is neither marked nor overwritten', async () => {
    let fail: (error: Error) => void = () => undefined;
    const refresher = refresherWith(() => new Promise((_resolve, reject) => (fail = reject)));
    const refreshing = refresher.refresh('claude-a.json');
    await store.writeText('claude-a.json', JSON.stringify({ type: 'claude', access_token: 'fresh', refresh_token: 'r9', expired: formatAuthTime(now + hour) }));
    fail(new OAuthRefreshError('refresh token revoked', 'invalid_grant'));
    await expect(refreshing).rejects.toBeInstanceOf(NeedsReloginError);
    const record = store.get('claude-a.json');
    if (!record) throw new Error('file dropped');
    expect(refresher.state(record)).toBe('active');
    const saved = JSON.parse(await readFile(join(folder, 'claude-a.json'), 'utf8')) as Record<string, unknown>;
    expect(saved).toMatchObject({ access_token: 'fresh', refresh_token: 'r9' });
    expect(saved.needs_relogin).toBeUndefined();
  });

  it('keeps the mark across a restart (it is in the file) and clears it when a new login rewrites the file', async () => {
    const dead = refresherWith(async () => {
      throw new OAuthRefreshError('refresh token revoked', 'invalid_grant');
    });
    await expect(dead.refresh('claude-a.json')).rejects.toBeInstanceOf(NeedsReloginError);
    const restarted = new AuthStore(folder, { providerByType: providerByAuthFileType });
    await restarted.rescan();
    let calls = 0;
    const refresher = new AccountRefresher({ store: restarted, refreshers: { claude: async () => ((calls += 1), { access_token: 'new' }) }, leads: refreshLeadByProvider, now: () => now });
    const marked = restarted.get('claude-a.json');
    if (!marked) throw new Error('not loaded');
    expect(refresher.state(marked)).toBe('needs-relogin');
    await expect(refresher.refresh('claude-a.json')).rejects.toBeInstanceOf(NeedsReloginError);
    expect(calls).toBe(0);
    const login = parseAuthData('claude-a.json', { type: 'claude', access_token: 'fresh', refresh_token: 'r9', expired: formatAuthTime(now + hour) }, providerByAuthFileType);
    if (!login.ok) throw new Error(login.reason);
    await restarted.save(login.record);
    expect(refresher.state(login.record)).toBe('active');
    await expect(refresher.refresh('claude-a.json')).resolves.toMatchObject({ needsRelogin: false });
    expect(calls).toBe(1);
  });

  it('schedules and performs the refresh of a CPA file that keeps refresh_token only in the nested token object', async () => {
    await writeFile(join(folder, 'gemini-n.json'), JSON.stringify({ type: 'gemini', email: 'n@example.com', token: { access_token: 'old', refresh_token: 'nested-r', expiry: formatAuthTime(now - 1000) } }));
    await store.rescan();
    const seen: string[] = [];
    const refresher = new AccountRefresher({ store, refreshers: { 'gemini-cli': async (record) => (seen.push(record.refreshToken), { access_token: 'new' }) }, leads: refreshLeadByProvider, now: () => now });
    const record = store.get('gemini-n.json');
    if (!record) throw new Error('not loaded');
    expect(refresher.canRefresh(record)).toBe(true);
    expect(refresher.isDue(record)).toBe(true);
    await refresher.refresh('gemini-n.json');
    expect(seen).toEqual(['nested-r']);
  });

  it('lets a provider refresh files without a refresh_token (refreshable) with their own lead (leadFor)', async () => {
    await writeFile(join(folder, 'iflow-c.json'), JSON.stringify({ type: 'iflow', api_key: 'k', cookie: 'BXAuth=x;', expired: formatAuthTime(now + 30 * hour) }));
    await store.rescan();
    const record = store.get('iflow-c.json');
    if (!record) throw new Error('not loaded');
    const refresh = Object.assign(async () => ({ api_key: 'k2' }), { refreshable: () => true, leadFor: () => 48 * hour });
    expect(new AccountRefresher({ store, refreshers: { iflow: refresh }, leads: refreshLeadByProvider, now: () => now }).isDue(record)).toBe(true);
    expect(new AccountRefresher({ store, refreshers: { iflow: async () => ({}) }, leads: refreshLeadByProvider, now: () => now }).isDue(record)).toBe(false);
  });

  it("marks a provider's own dead-token code (needsRelogin) like invalid_grant, and not other failures", async () => {
    const reused = refresherWith(async () => {
      throw new OAuthRefreshError('The refresh token was rejected (refresh_token_reused)', 'refresh_token_reused', true);
    });
    await expect(reused.refresh('claude-a.json')).rejects.toBeInstanceOf(NeedsReloginError);
    expect(store.get('claude-a.json')?.needsReloginReason).toMatch(/^refresh_token_reused: /);
    expect(new OAuthRefreshError('HTTP 400', 'invalid_request').needsRelogin).toBe(false);
  });

  it('is due within the provider lead of expiry (claude 4 h) and backs off after a failure', async () => {
    const refresher = refresherWith(async () => {
      throw new Error('upstream 500');
    });
    const record = store.get('claude-a.json');
    if (!record) throw new Error('not loaded');
    expect(refresher.isDue(record)).toBe(true);
    expect(new AccountRefresher({ store, refreshers: {}, leads: refreshLeadByProvider, now: () => now }).isDue(record)).toBe(false);
    expect(new AccountRefresher({ store, refreshers: { claude: async () => ({}) }, leads: { claude: hour / 2 }, now: () => now }).isDue(record)).toBe(false);
    await expect(refresher.refresh('claude-a.json')).rejects.toThrow('upstream 500');
    expect(refresher.isDue(record)).toBe(false);
  });

  it('counts renewals failing in a row (not a dead token) and forgets them after a success, telling listeners each time', async () => {
    let fail = true;
    const refresher = refresherWith(async () => {
      if (fail) throw new Error('connect ECONNREFUSED 127.0.0.1:1');
      return { access_token: 'new', expired: formatAuthTime(now + 8 * hour) };
    });
    const told: string[] = [];
    refresher.onRenewalTrouble((id) => told.push(id));
    await expect(refresher.refresh('claude-a.json')).rejects.toThrow('ECONNREFUSED');
    await expect(refresher.refresh('claude-a.json')).rejects.toThrow('ECONNREFUSED');
    expect(refresher.renewalTrouble('claude-a.json')).toEqual({ since: now, failures: 2, cause: 'connect ECONNREFUSED 127.0.0.1:1' });
    fail = false;
    await refresher.refresh('claude-a.json');
    expect(refresher.renewalTrouble('claude-a.json')).toBeUndefined();
    expect(told).toEqual(['claude-a.json', 'claude-a.json', 'claude-a.json']);
  });
});

