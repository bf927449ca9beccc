import { describe, expect, it } from 'vitest';
import { normalizeOAuthExcludedModels, normalizeOAuthModelAlias } from '../config/normalize-oauth-models';
import { oauthModelList } from './oauth-model-list';
import { resolveCandidates } from './resolve-candidates';
import type { Credential } from './credential';

describe('normalizeOAuthModelAlias', () => {
  it('lower-cases channels, drops empty or identity entries and keeps the first of a repeated alias', () => {
    const warnings: string[] = [];
    const result = normalizeOAuthModelAlias(
      {
        Claude: [
          { name: 'claude-sonnet-4-6', alias: 'sonnet' },
          { name: 'claude-opus-4-7', alias: 'SONNET' },
          { name: ' claude-opus-4-7 ', alias: 'opus', fork: true, 'display-name': 'Opus', 'force-mapping': true },
          { name: 'claude-opus-4-7', alias: 'big' },
          { name: '', alias: 'x' },
          { name: 'same', alias: 'SAME' },
        ],
        qwen: null,
      },
      (message) => warnings.push(message),
    );
    expect(result).toEqual({
      claude: [
        { name: 'claude-sonnet-4-6', alias: 'sonnet', fork: false, displayName: '', forceMapping: false },
        { name: 'claude-opus-4-7', alias: 'opus', fork: true, displayName: 'Opus', forceMapping: true },
        { name: 'claude-opus-4-7', alias: 'big', fork: false, displayName: '', forceMapping: false },
      ],
    });
    expect(warnings).toHaveLength(3);
  });

  it('normalizes oauth-excluded-models like excluded-models and removes empty channels', () => {
    expect(normalizeOAuthExcludedModels({ Claude: [' Claude-Haiku-* ', 'claude-haiku-*', ''], Codex: [], qwen: null })).toEqual({ claude: ['claude-haiku-*'] });
  });
});

describe('oauthModelList', () => {
  const catalog = ['claude-sonnet-4-6', 'claude-opus-4-7', 'claude-haiku-4-5'];
  const config = {
    oauthModelAlias: normalizeOAuthModelAlias({ claude: [{ name: 'claude-sonnet-4-6', alias: 'sonnet' }, { name: 'claude-opus-4-7', alias: 'opus', fork: true }, { name: 'claude-opus-4-7', alias: 'big' }] }),
    oauthExcludedModels: { claude: ['claude-haiku-*'] },
  };

  it('replaces aliased names, keeps forked ones and drops excluded names before aliasing', () => {
    expect(oauthModelList('claude', catalog, config, { excludedModels: [] })).toEqual([
      { name: 'claude-sonnet-4-6', alias: 'sonnet' },
      { name: 'claude-opus-4-7', alias: 'claude-opus-4-7' },
      { name: 'claude-opus-4-7', alias: 'opus' },
      { name: 'claude-opus-4-7', alias: 'big' },
    ]);
  });

  it('merges the file excluded_models and lets the file model_aliases win for the same alias', () => {
    const models = oauthModelList('Claude', catalog, config, {
      excludedModels: ['claude-sonnet-4-6'],
      modelAliases: [{ name: 'claude-haiku-4-5', alias: 'small' }, { name: 'claude-opus-4-7', alias: 'sonnet' }],
    });
    expect(models).toEqual([
      { name: 'claude-opus-4-7', alias: 'claude-opus-4-7' },
      { name: 'claude-opus-4-7', alias: 'sonnet' },
      { name: 'claude-opus-4-7', alias: 'opus' },
      { name: 'claude-opus-4-7', alias: 'big' },
    ]);
  });

  it('does not apply other channels', () => {
    expect(oauthModelList('codex', catalog, config, { excludedModels: [] }).map((model) => model.alias)).toEqual(catalog);
  });

  it('routes the alias upstream as the real name with the thinking suffix kept', () => {
    const credential = { id: 'a', provider: 'claude', providerKey: 'claude', label: 'a', order: 0, prefix: '', priority: 0, baseUrl: '', apiKey: '', proxyUrl: '', headers: {}, excludedModels: [], models: oauthModelList('claude', catalog, config, { excludedModels: [] }) } satisfies Credential;
    expect(resolveCandidates('sonnet(high)', [credential], false)[0]?.upstreamModel).toBe('claude-sonnet-4-6(high)');
    expect(resolveCandidates('claude-sonnet-4-6', [credential], false)).toEqual([]);
    expect(resolveCandidates('claude-haiku-4-5', [credential], false)).toEqual([]);
  });
});
