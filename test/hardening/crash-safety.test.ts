import { watch } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAuthTime } from '../../src-proxy/auth-store/parse-auth-time';
import { parseConfigText } from '../../src-proxy/config/load-config';
import type { FakeAnthropicUpstream } from '../fakes/fake-anthropic-types';
import { startFakeAnthropicUpstream } from '../fakes/fake-anthropic-upstream';
import { startFakeOAuthServer, type FakeOAuthServer } from '../fakes/fake-oauth-server';
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream } from '../fakes/fake-openai-upstream';
import { readAuthFolder, readUsageDatabase } from './data-folder-state';
import { startKillableEngine, type KillableEngine } from './killable-engine';

/**
 * kill -9 of the real `cliproxy serve` in the middle of its writes, then a restart on the same folder:
 * no file is torn or emptied, a temp file is never taken for an auth file, acknowledged writes are on
 * disk, OAuth tokens stay a consistent pair, and usage keeps every request older than ~1 s.
 * usage-crash-safety.test.ts covers the usage store alone; this drives the whole engine over HTTP.
 */
const clientKey = 'sk-hardening-client-0123456789';
const managementPassword = 'hardening-management-password';
const refreshDelayMs = 500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const between = (low: number, high: number) => low + Math.floor(Math.random() * (high - low));

async function until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
}

function management(engine: KillableEngine, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${engine.origin}/v0/management${path}`, { ...init, headers: { authorization: `Bearer ${managementPassword}`, ...init.headers } });
}

async function listedAuthFiles(engine: KillableEngine): Promise<string[]> {
  const body = (await (await management(engine, '/auth-files')).json()) as { files: Array<{ name: string }> };
  return body.files.map((file) => file.name).sort();
}

/** One chat completion through the engine; the HTTP status, 0 when the connection died. */
async function chat(engine: KillableEngine, model: string): Promise<number> {
  try {
    const response = await fetch(`${engine.origin}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${clientKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model, messages: [{ role: 'user', content: 'Hello there' }] }),
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

let folder = '';
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'cliproxy-crash-safety-'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

describe.concurrent('kill -9 of cliproxy serve', () => {
  describe('during a token refresh', () => {
    let oauth: FakeOAuthServer;
    let upstream: FakeAnthropicUpstream;
    beforeAll(async () => {
      oauth = await startFakeOAuthServer();
      upstream = await startFakeAnthropicUpstream({ name: 'crash' });
      // Inside the engine's 60 s refresh skew: every request after a restart refreshes first.
      oauth.setExpiresIn(30);
    });
    afterAll(async () => {
      await oauth.close();
      await upstream.close();
    });

    /** A pair as a fresh login gets it (the fake rotates refresh tokens like Claude's and OpenAI's servers). */
    async function login(): Promise<{ access_token: string; refresh_token: string }> {
      const response = await fetch(oauth.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'refresh_token', refresh_token: oauth.issueRefreshToken() }),
      });
      return (await response.json()) as { access_token: string; refresh_token: string };
    }

    it.concurrent('leaves the old or the new token pair, never a torn file or a mixed pair; the saved pair refreshes after the restart', { timeout: 120_000 }, async () => {
      const configPath = join(folder, 'refresh', 'config.yaml');
      const authDir = join(folder, 'refresh', 'auths');
      const fileName = 'claude-crash@example.com.json';
      await mkdir(authDir, { recursive: true });
      await writeFile(configPath, `host: 127.0.0.1\nport: 8317\napi-keys:\n  - ${clientKey}\nauth-dir: ${authDir}\nrequest-retry: 0\n`);
      const loginFile = async () => {
        const pair = await login();
        return JSON.stringify({ type: 'claude', ...pair, expired: formatAuthTime(Date.now() + 10_000), email: 'crash@example.com', claude_device_ids: ['d'.repeat(64)] });
      };
      const uploadLogin = async (engine: KillableEngine) => {
        const form = new FormData();
        form.append('file', new Blob([await loginFile()], { type: 'application/json' }), fileName);
        expect((await management(engine, '/auth-files', { method: 'POST', body: form })).status).toBe(200);
      };
      await writeFile(join(authDir, fileName), await loginFile());
      const env = { MANAGEMENT_PASSWORD: managementPassword, CLIPROXY_CLAUDE_TOKEN_URL: oauth.tokenUrl, CLIPROXY_CLAUDE_PROFILE_URL: oauth.profileUrl, CLIPROXY_CLAUDE_BASE_URL: upstream.baseUrl };
      let engine = await startKillableEngine(configPath, env);
      const outcomes: string[] = [];
      try {
        for (const moment of ['in flight', 'while the file is written', 'right after the answer']) {
          const grants = oauth.refreshCount();
          oauth.setRefreshDelay(refreshDelayMs);
          // Watching from before the request, so the atomic save's temp file is seen the moment it is created.
          let tempFileSeen: () => void = () => undefined;
          const tempFile = new Promise<void>((resolve) => (tempFileSeen = resolve));
          const watcher = watch(authDir, (_event, name) => {
            if (name?.endsWith('.tmp')) tempFileSeen();
          });
          let before: Record<string, unknown> | undefined;
          try {
            void chat(engine, 'claude-sonnet-4-6');
            await until(() => oauth.refreshCount() > grants, 'the engine to ask for a refresh');
            // The pair the grant presented (the scheduler refreshes too, every 5 s: the file may have moved on).
            before = (await readAuthFolder(authDir)).files.get(fileName);
            const presented = oauth.requests.filter((request) => request.path === '/v1/oauth/token').at(-1)?.body as { refresh_token?: string } | undefined;
            expect(presented?.refresh_token).toBe(before?.refresh_token);
            if (moment === 'in flight') await sleep(between(50, refreshDelayMs - 100));
            else if (moment === 'right after the answer') await sleep(refreshDelayMs + between(0, 20));
            else await tempFile;
            await engine.kill();
          } finally {
            watcher.close();
          }

          oauth.setRefreshDelay(0);
          // On disk after the kill: the one auth file, whole (a temp file may sit beside it).
          const onDisk = await readAuthFolder(authDir);
          expect(onDisk.broken).toEqual([]);
          expect([...onDisk.files.keys()]).toEqual([fileName]);

          // The restarted engine finishes an interrupted save and loads exactly that account.
          engine = await startKillableEngine(configPath, env);
          expect(await listedAuthFiles(engine)).toEqual([fileName]);
          const after = (await readAuthFolder(authDir)).files.get(fileName) ?? {};
          const kept = after.access_token === before?.access_token && after.refresh_token === before?.refresh_token;
          const replaced = after.access_token !== before?.access_token && after.refresh_token !== before?.refresh_token;
          expect(kept || replaced, `${moment}: mixed token pair`).toBe(true);
          // Either pair's access token is one the server issued and still accepts.
          expect(oauth.isValidAccessToken(String(after.access_token))).toBe(true);
          outcomes.push(`${moment}: ${kept ? 'old pair' : 'new pair'}${onDisk.others.length > 0 ? ` (a temp file was left)` : ''}`);
          // The fake answers every grant it received, so the old refresh token of a kept pair is rotated away
          // (as with the real providers): only a new login brings the account back.
          if (kept) await uploadLogin(engine);

          // The pair on disk refreshes: the restarted engine refreshes with it and serves with the new token.
          const served = upstream.requests.length;
          expect(await chat(engine, 'claude-sonnet-4-6')).toBe(200);
          const sent = upstream.requests.slice(served).at(-1)?.headers.authorization ?? '';
          expect(oauth.isValidAccessToken(sent.replace(/^Bearer /, ''))).toBe(true);
        }
      } finally {
        await engine.kill();
      }
      console.info(`token refresh kills: ${outcomes.join('; ')}`);
    });
  });

  describe('during config saves, auth-file uploads and a usage burst', () => {
    let upstream: FakeOpenAIUpstream;
    beforeAll(async () => {
      upstream = await startFakeOpenAIUpstream({ name: 'burst' });
    });
    afterAll(() => upstream.close());

    it.concurrent('keeps config.yaml with its comments, every acknowledged write, parseable auth files and usage older than 1 s', { timeout: 120_000 }, async () => {
      const configPath = join(folder, 'writes', 'config.yaml');
      const authDir = join(folder, 'writes', 'auths');
      const usagePath = join(dirname(configPath), 'usage.sqlite');
      await mkdir(authDir, { recursive: true });
      await writeFile(
        configPath,
        [
          '# crash-safety test: every comment survives the saves',
          'host: 127.0.0.1 # loopback only',
          'port: 8317',
          'api-keys:',
          `  - ${clientKey} # the test client`,
          `auth-dir: ${authDir}`,
          'max-retry-interval: 0 # rewritten by the save loop',
          'openai-compatibility: # the usage burst goes here',
          '  - name: burst',
          `    base-url: ${upstream.baseUrl}`,
          '    api-key-entries:',
          '      - api-key: up-key',
          '    models:',
          '      - name: burst-model',
          '        alias: burst-model',
          '',
        ].join('\n'),
      );
      const env = { MANAGEMENT_PASSWORD: managementPassword };
      let engine = await startKillableEngine(configPath, env);
      // The file as the engine renders it: later saves may only change the value of the one key.
      expect((await management(engine, '/max-retry-interval', { method: 'PUT', body: JSON.stringify({ value: 1 }) })).status).toBe(200);
      const withoutValue = (text: string) => text.replace(/^max-retry-interval: \d+/m, 'max-retry-interval: N');
      const rendered = withoutValue(await readFile(configPath, 'utf8'));
      expect(rendered).toContain('# rewritten by the save loop');

      const config = { sent: 1, acked: 1 };
      const uploads = { sent: 0, acked: new Map<string, number>() };
      let usageRows = 0;
      try {
        // Every kill lands while all three kinds of write are going on, at a different moment each time.
        for (const round of [1, 2, 3]) {
          let stopped = false;
          const completedAt: number[] = [];
          let requestsSent = 0;
          const repeat = async (step: () => Promise<void>) => {
            while (!stopped) await step();
          };
          const loops = [
            repeat(async () => {
              const value = (config.sent += 1);
              const response = await management(engine, '/max-retry-interval', { method: 'PUT', body: JSON.stringify({ value }) }).catch(() => null);
              if (response?.status === 200) config.acked = value;
            }),
            repeat(async () => {
              const seq = (uploads.sent += 1);
              const name = `claude-upload-${seq % 3}.json`;
              const file = { type: 'claude', access_token: `sk-ant-oat01-upload-${seq}`, expired: '2099-01-01T00:00:00Z', email: `upload-${seq % 3}@example.com`, seq };
              const form = new FormData();
              form.append('file', new Blob([JSON.stringify(file)], { type: 'application/json' }), name);
              const response = await management(engine, '/auth-files', { method: 'POST', body: form }).catch(() => null);
              if (response?.status === 200) uploads.acked.set(name, seq);
            }),
            ...Array.from({ length: 8 }, () =>
              repeat(async () => {
                requestsSent += 1;
                if ((await chat(engine, 'burst-model')) === 200) completedAt.push(Date.now());
              }),
            ),
          ];
          // Long enough for requests answered more than 1 s before the kill (the usage bound).
          await sleep(between(2_000, 3_500));
          const killedAt = await engine.kill();
          stopped = true;
          await Promise.all(loops);

          // config.yaml: valid, comments and layout as rendered, holding a value at least as new as the last acknowledged save.
          const text = await readFile(configPath, 'utf8');
          expect(parseConfigText(text, { configDir: dirname(configPath) }).ok, text).toBe(true);
          expect(withoutValue(text)).toBe(rendered);
          const value = Number(/^max-retry-interval: (\d+)/m.exec(text)?.[1]);
          expect(value).toBeGreaterThanOrEqual(config.acked);
          expect(value).toBeLessThanOrEqual(config.sent);

          // auth-dir: every *.json parses, each holds its last acknowledged upload or a newer one.
          const state = await readAuthFolder(authDir);
          expect(state.broken).toEqual([]);
          for (const [name, seq] of uploads.acked) expect(Number(state.files.get(name)?.seq), name).toBeGreaterThanOrEqual(seq);

          // usage.sqlite: intact, and it holds every request answered more than 1 s before the kill.
          const usage = readUsageDatabase(usagePath);
          expect(usage.integrity).toBe('ok');
          const settled = completedAt.filter((at) => at < killedAt - 1_000).length;
          expect(usage.rows - usageRows, `round ${round}: ${settled} settled of ${completedAt.length} answered`).toBeGreaterThanOrEqual(settled);
          expect(usage.rows - usageRows).toBeLessThanOrEqual(requestsSent);
          const newRows = usage.rows - usageRows;
          usageRows = usage.rows;

          // The restarted engine loads exactly the auth files on disk: temp files of interrupted writes are not accounts.
          engine = await startKillableEngine(configPath, env);
          const recovered = await readAuthFolder(authDir);
          expect(recovered.broken).toEqual([]);
          // Leftover temp files were finished (complete) or deleted (torn).
          expect(recovered.others).toEqual([]);
          expect(await listedAuthFiles(engine)).toEqual([...recovered.files.keys()]);
          console.info(`round ${round}: config value ${value} (acked ${config.acked}), ${uploads.acked.size} upload names, ${state.others.length} temp files left by the kill, ${completedAt.length} requests answered, ${settled} settled, usage rows +${newRows}`);
        }
      } finally {
        await engine.kill();
      }
    });
  });
});
