import { lazy, Suspense, useId, useMemo, useState } from 'react';
import type { UsageScope } from '../../../src-shared/control/usage-types';
import type { PageProps } from '../../app/page-props';
import { useControlQuery } from '../../control-client/use-control-query';
import { EmptyState } from '../../ui/empty-state';
import { toChartData } from './chart-data';
import { RangePicker } from './range-picker';
import { groupChoicesFor, groupFor, type UsageGroupChoice } from './usage-groups';
import { presetWindow, type RangePreset, type UsageWindow } from './usage-range';
import { UsageScopeSwitch } from './usage-scope-switch';
import { UsageTable } from './usage-table';
import { UsageTotalsList } from './usage-totals';
import { useUsageNow } from './use-usage-now';
import './usage.css';
import { PageHeader } from '../../ui/page-header';

// recharts is most of this page's code: loaded when the first chart is drawn, not with the app.
const UsageChart = lazy(() => import('./usage-chart').then((module) => ({ default: module.UsageChart })));

/**
 * Usage history from the engine's durable store: stacked charts, totals and a sortable table. On a team
 * server (status `teamStore`) a switch shows the whole team's history instead, which can also group by instance.
 */
export function UsagePage({ client }: PageProps) {
  const titleId = useId();
  const byId = useId();
  const now = useUsageNow(client);
  const [preset, setPreset] = useState<RangePreset>('24h');
  const [custom, setCustom] = useState<UsageWindow | null>(null);
  const [chosenGroup, setGroupBy] = useState<UsageGroupChoice>('model');
  const [chosenScope, setScope] = useState<UsageScope>('engine');
  const status = useControlQuery(client, 'status.get', {});
  const teamStore = status.value?.teamStore === true;
  const scope = teamStore ? chosenScope : 'engine';
  const groupChoices = groupChoicesFor(scope);
  const groupBy = groupFor(scope, chosenGroup);
  // "Custom" before any date is changed shows the picker's starting days: the last 7 days.
  const shown = useMemo(() => (preset === 'custom' ? (custom ?? presetWindow('7d', now)) : presetWindow(preset, now)), [preset, custom, now]);

  const range = { from: shown.from, to: shown.to, scope };
  const history = useControlQuery(client, 'usage.totals', { from: 0, to: now, scope });
  const totals = useControlQuery(client, 'usage.totals', range);
  const series = useControlQuery(client, 'usage.series', { ...range, bucket: shown.bucket, groupBy });
  const breakdown = useControlQuery(client, 'usage.breakdown', { ...range, groupBy });
  const chartData = useMemo(() => toChartData(series.value ?? [], shown), [series.value, shown]);

  const groupName = groupChoices.find(([value]) => value === groupBy)?.[1] ?? 'Model';
  const per = shown.bucket === 'hour' ? 'per hour' : 'per day';
  const failure = history.failure ?? totals.failure ?? series.failure ?? breakdown.failure;
  const noHistory = history.value !== null && history.value.requests === 0;
  const quietRange = !noHistory && totals.value !== null && totals.value.requests === 0;

  return (
    <section className="page" aria-labelledby={titleId}>
      <PageHeader titleId={titleId} title="Usage" description="Requests and tokens over time" />
      <div className="card usage-controls">
        <UsageScopeSwitch teamStore={teamStore} scope={scope} onScope={setScope} />
        <RangePicker preset={preset} onPreset={setPreset} onCustom={setCustom} />
        <div className="field">
          <label htmlFor={byId}>Stack by</label>
          <select id={byId} value={groupBy} onChange={(event) => setGroupBy(event.target.value as UsageGroupChoice)}>
            {groupChoices.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {failure !== null && (
        <p role="alert" className="message message-error">
          Could not read usage history: {failure.message} Check that the proxy is running, then open this page again.
        </p>
      )}
      {noHistory && (
        <div className="card">
          <EmptyState title="No usage yet">
            <p>History starts with the first request that passes through the proxy, and is kept across restarts. Connect a tool from the Dashboard, then come back here.</p>
          </EmptyState>
        </div>
      )}
      {quietRange && (
        <div className="card">
          <EmptyState title="No requests in this range">
            <p>Choose a longer range to see earlier usage.</p>
          </EmptyState>
        </div>
      )}
      {totals.value !== null && !noHistory && <UsageTotalsList totals={totals.value} />}
      {totals.value !== null && totals.value.requests > 0 && (
        <>
          <Suspense fallback={<p className="hint">Loading charts…</p>}>
            <div className="usage-charts">
              <UsageChart title={`Requests ${per}, by ${groupName.toLowerCase()}`} metric="requests" data={chartData} bucket={shown.bucket} />
              <UsageChart title={`Tokens ${per}, by ${groupName.toLowerCase()}`} metric="tokens" data={chartData} bucket={shown.bucket} />
            </div>
          </Suspense>
          <UsageTable rows={breakdown.value ?? []} groupName={groupName} caption={`Usage by ${groupName.toLowerCase()} in this range`} />
        </>
      )}
    </section>
  );
}
