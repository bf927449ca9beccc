/**
 * Launches a built app once and checks that it comes up: the dashboard window opens, shows the engine
 * running, and the engine answers on the address the window shows. Run by the release workflow on each OS
 * after packaging (`npx tsx scripts/smoke-launch.ts <executable> [screenshot.png]`); it needs the real
 * Electron binary inside a built app, so it cannot run on the development machine. Uses Playwright's
 * Electron support (https://playwright.dev/docs/api/class-electron), from playwright-core.
 * The app runs against a fresh, temporary home folder so it never touches the runner's own files.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron } from 'playwright-core';

const [executablePath, screenshotPath] = process.argv.slice(2);
if (executablePath === undefined) {
  process.stderr.write('usage: tsx scripts/smoke-launch.ts <app executable> [screenshot.png]\n');
  process.exit(2);
}

const home = mkdtempSync(join(tmpdir(), 'cliproxy-smoke-home-'));
const env: Record<string, string> = {
  ...(process.env as Record<string, string>),
  HOME: home,
  USERPROFILE: home,
  XDG_CONFIG_HOME: join(home, '.config'),
  // Ubuntu 24.04 runners restrict unprivileged user namespaces (see README, AppImage on Ubuntu 24.04).
  ...(process.platform === 'linux' ? { ELECTRON_DISABLE_SANDBOX: '1' } : {}),
};

const app = await _electron.launch({ executablePath, args: process.platform === 'linux' ? ['--no-sandbox'] : [], env, timeout: 60_000 });
try {
  const window = await app.firstWindow({ timeout: 60_000 });
  await window.waitForLoadState('domcontentloaded');
  // The dashboard's status card: "Running on 127.0.0.1:8317" (src-renderer/features/dashboard/describe-engine-status.ts).
  const status = window.locator('.status-detail', { hasText: /127\.0\.0\.1:\d+/ });
  await status.waitFor({ timeout: 60_000 });
  const address = /127\.0\.0\.1:\d+/.exec((await status.textContent()) ?? '')?.[0];
  if (address === undefined) throw new Error('the dashboard shows no engine address');
  const health = await fetch(`http://${address}/healthz`);
  const body = (await health.json()) as { status?: string };
  if (health.status !== 200 || body.status !== 'ok') throw new Error(`engine at ${address} answered ${health.status} ${JSON.stringify(body)}`);
  if (screenshotPath !== undefined) await window.screenshot({ path: screenshotPath });
  process.stdout.write(`smoke launch passed: window "${await window.title()}", engine healthy at ${address}\n`);
} finally {
  await app.close().catch(() => undefined);
  rmSync(home, { recursive: true, force: true });
}
