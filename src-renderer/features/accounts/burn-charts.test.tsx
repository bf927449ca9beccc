/// <reference types="vite/client" />
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ForecastedAccountQuota, QuotaForecast } from '../../../src-shared/control/quota-forecast-types';
import { BurnChart } from '../../ui/burn-chart';
import { BurnCharts, describeBurn } from './burn-charts';

const hour = 3_600_000;
const start = Date.parse('2026-12-07T10:00:00Z');
// 2.5 h into a 5-hour window at 40 %; the limit at 14:30 at the recent rate (before the reset at 15:00).
const runsOut: QuotaForecast = {
  windowId: '5h', state: 'runs-out', runsOutAt: start + 4.5 * hour, resetsAt: start + 5 * hour, usedPercentNow: 40, percentPerHour: 30, reason: null,
  burn: [{ at: start, usedPercent: 0 }, { at: start + 1.25 * hour, usedPercent: 10 }, { at: start + 2.5 * hour, usedPercent: 40 }],
};
const quota: ForecastedAccountQuota = {
  accountId: 'claude-a.json', updatedAt: 1, error: null, unknown: null,
  windows: [{ id: '5h', label: '5-hour', usedPercent: 40, resetsAt: start + 5 * hour, status: 'ok' }, { id: '7d', label: '7-day', usedPercent: 5, resetsAt: null, status: 'ok' }],
  forecasts: [runsOut, { windowId: '7d', state: 'unknown', runsOutAt: null, resetsAt: null, usedPercentNow: null, percentPerHour: null, reason: 'x' }],
};
const clock = (ms: number) => new Date(ms).toISOString().slice(11, 16);

describe('burn chart', () => {
  it('draws the use so far from the window start and a dashed forecast to the limit, on a time axis ending at the reset', () => {
    const html = renderToStaticMarkup(<BurnChart forecast={{ ...runsOut, burn: runsOut.burn ?? [] }} label="5-hour" width={100} height={42} />);
    expect(html).toContain('role="img" aria-label="5-hour"');
    // x: 5 h over 100 units; y: 100 % at 1, 0 % at 41.
    expect(html).toContain('points="0,41 25,37 50,25"');
    expect(html).toContain('class="burn-chart-forecast burn-chart-forecast-runs-out" x1="50" y1="25" x2="90" y2="1"');
  });

  it('projects a lasting window to its use at the reset', () => {
    const lasts: QuotaForecast = { ...runsOut, state: 'lasts', runsOutAt: null, percentPerHour: 10 };
    const html = renderToStaticMarkup(<BurnChart forecast={{ ...lasts, burn: runsOut.burn ?? [] }} label="5-hour" width={100} height={42} />);
    // 40 % + 2.5 h × 10 %/h = 65 % at the reset (x = 100).
    expect(html).toContain('class="burn-chart-forecast burn-chart-forecast-lasts" x1="50" y1="25" x2="100" y2="15"');
  });

  it('an account card charts each window with a burn, and says in words what the chart shows', () => {
    const html = renderToStaticMarkup(<BurnCharts quota={quota} />);
    expect(html.match(/<figure/g)).toHaveLength(1);
    expect(html).toContain('<figcaption class="hint">5-hour</figcaption>');
    expect(describeBurn('5-hour', runsOut, clock)).toBe('5-hour window: 40% used, at this rate the limit is reached at 14:30');
    expect(renderToStaticMarkup(<BurnCharts quota={{ ...quota, forecasts: [{ ...runsOut, burn: undefined }] }} />)).toBe('');
  });
});
