import { describe, expect, it } from 'vitest';
import { applyFlatModelAlias } from './apply-flat-model-alias';
import { resolveCandidates } from './resolve-candidates';
import { testCredential } from './test-credential.fixture';

describe('applyFlatModelAlias (the guide\'s "gemini: gemini-2.5-pro" form)', () => {
  const gemini = testCredential({ id: 'gemini', providerKey: 'gemini', models: [{ name: 'gemini-2.5-pro', alias: 'gemini-2.5-pro' }] });
  const cli = testCredential({ id: 'cli', providerKey: 'gemini-cli', models: [{ name: 'gemini-2.5-pro-internal', alias: 'gemini-2.5-pro' }, { name: 'x', alias: 'x' }] });
  const excluded = testCredential({ id: 'excluded', models: [{ name: 'gemini-2.5-pro', alias: 'gemini-2.5-pro' }], excludedModels: ['gemini-2.5-*'] });
  const catchAll = testCredential({ id: 'any', models: null });
  const aliases = [{ alias: 'gemini', name: 'gemini-2.5-pro' }];

  it('a request for the alias reaches every account that serves the model, under the name each uses upstream', () => {
    const credentials = applyFlatModelAlias([gemini, cli, excluded, catchAll], aliases);
    const candidates = resolveCandidates('gemini', credentials, false);
    expect(candidates.map((candidate) => [candidate.credential.id, candidate.upstreamModel])).toEqual([
      ['gemini', 'gemini-2.5-pro'],
      ['cli', 'gemini-2.5-pro-internal'],
    ]);
  });

  it("leaves a credential's own meaning of the alias and credentials without the model alone", () => {
    const own = testCredential({ id: 'own', models: [{ name: 'gemini-2.5-pro', alias: 'gemini-2.5-pro' }, { name: 'gemini-3', alias: 'gemini' }] });
    const [kept, untouched] = applyFlatModelAlias([own, catchAll], aliases);
    expect(kept?.models?.filter((model) => model.alias === 'gemini')).toEqual([{ name: 'gemini-3', alias: 'gemini' }]);
    expect(untouched).toBe(catchAll);
  });
});
