import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAxe } from './axe-check';
import { browserAvailable, launchBrowser } from './e2e-harness';

/** The accessibility check itself: it reports poor contrast at rest, and not a colour half-way through its transition. */
describe.skipIf(!browserAvailable)('runAxe (headless Chromium)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const PAGE = `<!doctype html><html lang="en"><head><title>t</title><style>
    p { color: #c8c8c8; background: #fff; transition: color 4s linear; }
    p.dark { color: #111; }
  </style></head><body><main><h1>Title</h1><p id="text">Some words</p></main></body></html>`;

  it('finds text whose contrast stays too low', async () => {
    const page = await browser.newPage();
    await page.setContent(PAGE);
    expect((await runAxe(page)).map((violation) => violation.id)).toContain('color-contrast');
    await page.close();
  });

  it('waits for a colour transition to end before it measures', async () => {
    const page = await browser.newPage();
    await page.setContent(PAGE);
    await page.evaluate(`document.getElementById('text').className = 'dark'`);
    const started = Date.now();
    expect(await runAxe(page)).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3000);
    await page.close();
  });
});
