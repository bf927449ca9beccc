import type { TeamUsageGroupBy, UsageScope } from '../../../src-shared/control/usage-types';

/** What the page can stack and break down by ("none" is only the totals). */
export type UsageGroupChoice = Exclude<TeamUsageGroupBy, 'none'>;

const engineGroups: ReadonlyArray<[UsageGroupChoice, string]> = [
  ['model', 'Model'],
  ['account', 'Account'],
  ['clientKey', 'Client key'],
  ['provider', 'Provider'],
];
/** Only the team's rows say which engine (instance) served them. */
const teamGroups: ReadonlyArray<[UsageGroupChoice, string]> = [...engineGroups, ['instance', 'Instance']];

export function groupChoicesFor(scope: UsageScope): ReadonlyArray<[UsageGroupChoice, string]> {
  return scope === 'team' ? teamGroups : engineGroups;
}

/** The grouping to ask for: a choice the scope does not offer (instance after leaving Team) falls back to model. */
export function groupFor(scope: UsageScope, chosen: UsageGroupChoice): UsageGroupChoice {
  return groupChoicesFor(scope).some(([value]) => value === chosen) ? chosen : 'model';
}
