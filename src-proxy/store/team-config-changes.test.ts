import { describe, expect, it } from 'vitest';
import type { SharedValue } from './postgres/shared-settings';
import { localConfigChanges, teamConfigChanges } from './team-config-changes';

const base = new Map<string, SharedValue>([
  ['routing', { value: { strategy: 'round-robin' }, version: 3 }],
  ['api-keys', { value: ['sk-a'], version: 3 }],
  ['payload', { value: null, version: 1 }],
]);

describe('team config changes', () => {
  it('takes the keys whose version moved, and only those, whatever this engine holds', () => {
    const team = new Map<string, SharedValue>([
      ['routing', { value: { strategy: 'fill-first' }, version: 7 }],
      ['api-keys', { value: ['sk-a'], version: 3 }],
      ['payload', { value: null, version: 1 }],
      ['claude-api-key', { value: [{ 'api-key': 'sk-ant' }], version: 5 }],
    ]);
    const { take, base: next } = teamConfigChanges(base, team);
    expect([...take]).toEqual([
      ['routing', { strategy: 'fill-first' }],
      ['claude-api-key', [{ 'api-key': 'sk-ant' }]],
    ]);
    expect(next.get('routing')).toEqual({ value: { strategy: 'fill-first' }, version: 7 });
    expect(next.get('api-keys')).toEqual({ value: ['sk-a'], version: 3 });
    expect(base.get('routing')?.version).toBe(3);
  });

  it('takes everything the team has on a first synchronisation (an empty base)', () => {
    const team = new Map<string, SharedValue>([['api-keys', { value: ['sk-team'], version: 0 }]]);
    expect([...teamConfigChanges(new Map(), team).take]).toEqual([['api-keys', ['sk-team']]]);
  });

  it('publishes the keys changed here since the base, and keys the team has never had', () => {
    const local = new Map<string, unknown>([
      ['routing', { strategy: 'round-robin' }],
      ['api-keys', ['sk-a', 'sk-b']],
      ['payload', null],
      ['streaming', { 'keepalive-seconds': 15 }],
    ]);
    expect([...localConfigChanges(base, local)]).toEqual([
      ['api-keys', ['sk-a', 'sk-b']],
      ['streaming', { 'keepalive-seconds': 15 }],
    ]);
  });
});
