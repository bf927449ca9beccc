import type { UsageScope } from '../../../src-shared/control/usage-types';
import { SegmentedChoice } from './segmented-choice';

const scopes: ReadonlyArray<[UsageScope, string]> = [
  ['engine', 'This engine'],
  ['team', 'Team'],
];

export interface UsageScopeSwitchProps {
  /** The engine runs on the team store (`EngineStatus.teamStore`); otherwise there is nothing to switch. */
  teamStore: boolean;
  scope: UsageScope;
  onScope(scope: UsageScope): void;
}

/** "This engine / Team": whose usage the page shows, offered only on a team server (docs/team-server.md#usage). */
export function UsageScopeSwitch({ teamStore, scope, onScope }: UsageScopeSwitchProps) {
  if (!teamStore) return null;
  return <SegmentedChoice legend="Usage of" choices={scopes} value={scope} onChoose={onScope} />;
}
