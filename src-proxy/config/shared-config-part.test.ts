import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { renderConfigDocument } from './config-document';
import { readSharedConfigPart, sameConfigValue, writeSharedConfigValues } from './shared-config-part';

const engineFile = `# engine one: do not share this comment
host: 127.0.0.1 # loopback only
port: 8401
remote-management:
  secret-key: mgmt-one # this host's own
api-keys:
  - sk-one
routing:
  strategy: round-robin # the team default
claude-api-key:
  # the first key
  - api-key: sk-ant-1
`;

describe('the shared part of a config document', () => {
  it('reads every shared key as JSON data, null where unset, and nothing per engine', () => {
    const part = readSharedConfigPart(parseDocument(engineFile));
    expect(part.get('api-keys')).toEqual(['sk-one']);
    expect(part.get('routing')).toEqual({ strategy: 'round-robin' });
    expect(part.get('claude-api-key')).toEqual([{ 'api-key': 'sk-ant-1' }]);
    expect(part.get('openai-compatibility')).toBeNull();
    expect(part.has('port')).toBe(false);
    expect(part.has('remote-management')).toBe(false);
  });

  it('writes the team\'s values in place: changed keys set, removed keys deleted, comments and per-engine keys kept', () => {
    const document = parseDocument(engineFile);
    const compat = [{ name: 'team', 'base-url': 'https://llm.example.com/v1', models: [{ name: 'up', alias: 'team-model' }] }];
    writeSharedConfigValues(document, new Map<string, unknown>([
      ['api-keys', ['sk-one']],
      ['routing', { strategy: 'fill-first' }],
      ['claude-api-key', null],
      ['openai-compatibility', compat],
    ]));
    const text = renderConfigDocument(document);
    expect(text).toContain('# engine one: do not share this comment');
    expect(text).toContain('host: 127.0.0.1 # loopback only');
    expect(text).toContain('port: 8401');
    expect(text).toContain('secret-key: mgmt-one # this host\'s own');
    expect(text).not.toContain('claude-api-key');
    const reread = readSharedConfigPart(parseDocument(text));
    expect(reread.get('routing')).toEqual({ strategy: 'fill-first' });
    expect(reread.get('openai-compatibility')).toEqual(compat);
    expect(reread.get('claude-api-key')).toBeNull();
  });

  it('leaves an unchanged key\'s text alone (its comments and layout)', () => {
    const document = parseDocument(engineFile);
    writeSharedConfigValues(document, new Map<string, unknown>([['claude-api-key', [{ 'api-key': 'sk-ant-1' }]], ['api-keys', ['sk-one']]]));
    expect(renderConfigDocument(document)).toBe(engineFile);
  });

  it('compares values as JSON data', () => {
    expect(sameConfigValue({ strategy: 'rr' }, { strategy: 'rr' })).toBe(true);
    expect(sameConfigValue(['a'], ['a', 'b'])).toBe(false);
    expect(sameConfigValue(null, null)).toBe(true);
  });
});
