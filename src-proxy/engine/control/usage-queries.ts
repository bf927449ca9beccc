import type { ControlInput, ControlOutputs } from '../../../src-shared/control-contract';
import type { ManagementContext } from '../../management/management-context';
import type { TeamUsageReader } from '../../usage/team-usage-reader';
import type { UsageStore } from '../../usage/usage-store';

/** The parts the usage operations read: this engine's history and, on a team server, the team's. */
export type UsageSources = Pick<ManagementContext, 'usage' | 'teamUsage'>;

/**
 * The control contract's usage operations. `scope: 'team'` reads the team store through the same
 * TeamUsageReader as the management routes' `scope=team` (docs/team-server.md#usage); the contract's
 * schema already refused `groupBy: 'instance'` outside the team scope.
 */
export async function usageTotals(sources: UsageSources, { from, to, scope }: ControlInput<'usage.totals'>): Promise<ControlOutputs['usage.totals']> {
  if (scope === 'team') return teamHistory(sources).totals({ from, to }, {});
  return engineHistory(sources).totals({ from, to });
}

export async function usageSeries(sources: UsageSources, { from, to, bucket, groupBy, scope }: ControlInput<'usage.series'>): Promise<ControlOutputs['usage.series']> {
  if (scope === 'team') return teamHistory(sources).series({ from, to }, bucket, groupBy, {});
  return engineHistory(sources).series({ from, to }, bucket, engineGroup(groupBy));
}

export async function usageBreakdown(sources: UsageSources, { from, to, groupBy, scope }: ControlInput<'usage.breakdown'>): Promise<ControlOutputs['usage.breakdown']> {
  if (scope === 'team') return teamHistory(sources).breakdown({ from, to }, groupBy, {});
  return engineHistory(sources).breakdown({ from, to }, engineGroup(groupBy));
}

function engineHistory(sources: UsageSources): UsageStore {
  if (!sources.usage) throw new Error('Usage history is off: SQLite could not be loaded (see the log).');
  return sources.usage;
}

function teamHistory(sources: UsageSources): TeamUsageReader {
  if (!sources.teamUsage) throw new Error("The team's usage needs the team store (store: postgres); this engine keeps only its own.");
  return sources.teamUsage;
}

/** This engine's rows carry no instance; callers that skip the contract's schema still get a clear error. */
function engineGroup<Group extends string>(groupBy: Group): Exclude<Group, 'instance'> {
  if (groupBy === 'instance') throw new Error("groupBy 'instance' needs scope 'team'.");
  return groupBy as Exclude<Group, 'instance'>;
}
