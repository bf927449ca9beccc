/// <reference types="vite/client" />
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { AccountQuota } from '../../src-shared/control/account-types';
import { MeterRing } from './meter-ring';
import { QuotaRing, tightestWindow } from './quota-ring';
import { StackedBars } from './stacked-bars';

/** The SVG widgets as a screen reader meets them (role img and a sentence), and what they draw. */
describe('SVG meters', () => {
  it('a meter ring fills its share of the circle and says the value in words', () => {
    const html = renderToStaticMarkup(<MeterRing percent={25} tone="ok" label="5-hour window: 25% used" size={36} />);
    expect(html).toContain('role="img"');
    expect(html).toContain('aria-label="5-hour window: 25% used"');
    // r = (36 - 4) / 2 = 16; a quarter of 2πr ≈ 25.13.
    expect(html).toMatch(/stroke-dasharray="25\.13\d* 100\.53\d*"/);
    expect(renderToStaticMarkup(<MeterRing percent={null} tone="neutral" label="unknown" />)).toContain('stroke-dasharray="0 ');
  });

  it("a quota ring shows the account's tightest window: a rejected one first, else the most used", () => {
    const quota: AccountQuota = {
      accountId: 'a',
      updatedAt: 1,
      error: null,
      windows: [
        { id: '5h', label: '5-hour window', usedPercent: 40, resetsAt: null, status: 'ok' },
        { id: 'week', label: 'Weekly', usedPercent: 85, resetsAt: null, status: 'warning' },
      ],
    };
    expect(tightestWindow(quota)?.id).toBe('week');
    expect(tightestWindow({ ...quota, windows: [...quota.windows, { id: 'x', label: 'Opus', usedPercent: null, resetsAt: null, status: 'rejected' }] })?.id).toBe('x');
    expect(renderToStaticMarkup(<QuotaRing quota={quota} />)).toContain('aria-label="Weekly: 85% used"');
    expect(renderToStaticMarkup(<QuotaRing quota={undefined} />)).toContain('aria-label="Quota not reported"');
  });

  it('stacked bars draw failures on top of successes, scaled to the busiest bar', () => {
    const html = renderToStaticMarkup(
      <StackedBars label="2 bars" height={100} bars={[{ title: 'a', ok: 2, failed: 0 }, { title: 'b', ok: 1, failed: 1 }]} />,
    );
    expect(html).toContain('aria-label="2 bars"');
    // Busiest bar: 2 requests over 98 px.
    expect(html).toContain('class="stacked-bars-ok" x="0" y="2" width="8" height="98"');
    expect(html).toContain('class="stacked-bars-ok" x="10" y="51" width="8" height="49"');
    expect(html).toContain('class="stacked-bars-failed" x="10" y="2" width="8" height="49"');
  });
});
