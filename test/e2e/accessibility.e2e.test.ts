import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import OpenAI from 'openai';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeOpenAIUpstream } from '../fakes/fake-openai-upstream';
import { runAxe, writeAxeReport, type AxeFinding } from './axe-check';
import { browserAvailable, CLIENT_KEY, openSignedIn, SCREENSHOTS, startBrowserStage, type BrowserStage, type PanelEngine } from './e2e-harness';

/**
 * Accessibility and looks, measured: axe-core on every page and the tray popover, light and dark, desktop and narrow (zero
 * serious or critical violations; the report and the screenshots go to test-results/screenshots/);
 * the keyboard reaches the navigation with a visible focus ring and switches pages with Alt+digit;
 * reduced motion turns transitions off; at 200% zoom nothing scrolls sideways.
 */
const MODEL = 'a11y-model';
const FOLDER = join(SCREENSHOTS, 'screenshots');
const SIZES = [
  { name: 'desktop', width: 1280, height: 860 },
  { name: 'narrow', width: 420, height: 860 },
] as const;
const NAV_LINKS = 'nav[aria-label="Pages"] a';
let upstream: FakeOpenAIUpstream;
let panel: PanelEngine;
let browser: Browser;
let stage: BrowserStage | undefined;

describe.skipIf(!browserAvailable)('accessibility and screenshots (e2e, headless Chromium)', () => {
  beforeAll(async () => {
    stage = await startBrowserStage('a11y-e2e');
    ({ upstream, panel, browser } = stage);
    await mkdir(FOLDER, { recursive: true });
    // Something to show: answered requests, and one the upstream refuses (a failure in the chart and strip).
    const client = new OpenAI({ baseURL: `${panel.origin}/v1`, apiKey: CLIENT_KEY, maxRetries: 0 });
    for (const content of ['one', 'two', 'three', 'four']) await client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content }] });
    upstream.enqueue({ kind: 'status', status: 400 });
    await client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'five' }] }).catch(() => undefined);
  }, 120_000);

  afterAll(() => stage?.close(), 60_000);

  it('every page, light and dark, desktop and narrow: photographed, and no serious or critical axe violation', async () => {
    const findings: AxeFinding[] = [];
    for (const scheme of ['light', 'dark'] as const) {
      for (const size of SIZES) {
        // bypassCSP only lets the test inject axe-core; the other e2e files check the CSP itself.
        const context = await browser.newContext({ viewport: { width: size.width, height: size.height }, colorScheme: scheme, bypassCSP: true });
        const page = await context.newPage();
        await openSignedIn(page, panel.origin);
        // The pages, and the tray popover (its own route, no sidebar).
        for (const path of [...(await pagePaths(page)), 'popover']) {
          await page.goto(`${panel.origin}/management.html#/${path}`);
          await settle(page, path);
          await page.screenshot({ path: join(FOLDER, `${path}-${scheme}-${size.name}.png`), fullPage: true });
          findings.push({ where: `${path} ${scheme} ${size.name}`, violations: await runAxe(page) });
        }
        await context.close();
      }
    }
    const counts = await writeAxeReport(join(FOLDER, 'axe-report.json'), findings);
    const blocking = findings.flatMap((finding) =>
      finding.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${finding.where}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    );
    expect(blocking, `axe counts ${JSON.stringify(counts)}`).toEqual([]);
  }, 300_000);

  it('the keyboard reaches the pages with a visible focus ring, and Alt+digit switches pages (said by aria-keyshortcuts)', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await openSignedIn(page, panel.origin);
    const nav = page.getByRole('navigation', { name: 'Pages' });
    expect(await nav.getByRole('link', { name: 'Dashboard', exact: true }).getAttribute('aria-keyshortcuts')).toBe('Alt+1');

    // String expressions: this folder is typechecked without DOM types.
    const focused = (): Promise<string | null> => page.evaluate<string | null>('document.activeElement?.getAttribute("href") ?? null');
    for (let tab = 0; tab < 10 && (await focused()) !== '#/dashboard'; tab += 1) await page.keyboard.press('Tab');
    expect(await focused()).toBe('#/dashboard');
    expect(await page.evaluate<string>('getComputedStyle(document.activeElement).outlineStyle')).toBe('solid');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();

    const logsShortcut = await nav.getByRole('link', { name: 'Logs', exact: true }).getAttribute('aria-keyshortcuts');
    await page.keyboard.press(logsShortcut ?? 'missing');
    await page.getByRole('heading', { name: 'Logs', level: 1 }).waitFor();

    await page.getByRole('button', { name: 'Collapse sidebar' }).click();
    // Icons only: the names stay for screen readers and the tooltip says name and shortcut.
    expect(await nav.getByRole('link', { name: 'Usage', exact: true }).getAttribute('title')).toMatch(/^Usage \(Alt\+\d\)$/);
    await page.screenshot({ path: join(FOLDER, 'sidebar-collapsed-light-desktop.png') });
    await page.getByRole('button', { name: 'Expand sidebar' }).click();
    await context.close();
  }, 60_000);

  it('reduced motion turns transitions off; at 200% zoom (half the CSS width) nothing scrolls sideways', async () => {
    const still = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
    const stillPage = await still.newPage();
    await openSignedIn(stillPage, panel.origin);
    expect(await stillPage.evaluate<string>(`getComputedStyle(document.querySelector('${NAV_LINKS}')).transitionDuration`)).toBe('0s');
    await still.close();

    const zoomed = await browser.newContext({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
    const page = await zoomed.newPage();
    await openSignedIn(page, panel.origin);
    for (const path of await pagePaths(page)) {
      await page.goto(`${panel.origin}/management.html#/${path}`);
      await settle(page, path);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth'), `${path} scrolls sideways`).toBeLessThanOrEqual(0);
    }
    await page.screenshot({ path: join(FOLDER, 'dashboard-zoom-200.png'), fullPage: true });
    await zoomed.close();
  }, 120_000);
});

async function pagePaths(page: Page): Promise<string[]> {
  await page.getByRole('navigation', { name: 'Pages' }).waitFor();
  const hrefs = await page.evaluate<string[]>(`[...document.querySelectorAll('${NAV_LINKS}')].map((link) => link.getAttribute('href'))`);
  return hrefs.map((href) => href.replace('#/', ''));
}

/** Waits for the page's heading, then a moment for its first answers to land (the event stream never idles). */
async function settle(page: Page, path: string): Promise<void> {
  await page.locator('h1').first().waitFor();
  await page.waitForTimeout(path === 'config' ? 1000 : 500);
}
