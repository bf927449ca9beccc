import { describe, expect, it } from 'vitest';
import { listServedModels, resolveCandidates } from './resolve-candidates';
import { testCredential } from './test-credential.fixture';

const plain = testCredential({ id: 'plain', models: [{ name: 'upstream-gpt', alias: 'gpt-fast' }] });
const prefixed = testCredential({ id: 'pref', prefix: 'team', models: [{ name: 'upstream-gpt', alias: 'gpt-fast' }], order: 1 });
const open = testCredential({ id: 'open', models: null, order: 2, excludedModels: ['*-preview'] });

describe('resolveCandidates', () => {
  it('rewrites an alias to the upstream name', () => {
    const candidates = resolveCandidates('gpt-fast', [plain], false);
    expect(candidates.map((candidate) => candidate.upstreamModel)).toEqual(['upstream-gpt']);
  });

  it('matches aliases case-insensitively and keeps the thinking suffix', () => {
    expect(resolveCandidates('GPT-FAST(high)', [plain], false)[0]?.upstreamModel).toBe('upstream-gpt(high)');
  });

  it('prefix/model reaches only the credential with that prefix, stripped upstream', () => {
    const candidates = resolveCandidates('team/gpt-fast', [plain, prefixed], false);
    expect(candidates.map((candidate) => [candidate.credential.id, candidate.upstreamModel])).toEqual([['pref', 'upstream-gpt']]);
  });

  it('a plain name reaches prefixed credentials unless force-model-prefix', () => {
    expect(resolveCandidates('gpt-fast', [plain, prefixed], false).map((candidate) => candidate.credential.id)).toEqual(['plain', 'pref']);
    expect(resolveCandidates('gpt-fast', [plain, prefixed], true).map((candidate) => candidate.credential.id)).toEqual(['plain']);
  });

  it('a credential without models serves whatever is asked, minus exclusions', () => {
    expect(resolveCandidates('vendor/some-model', [open], false)[0]?.upstreamModel).toBe('vendor/some-model');
    expect(resolveCandidates('gemini-3-preview', [open], false)).toEqual([]);
  });

  it('credentials that list the model win over catch-all credentials', () => {
    expect(resolveCandidates('gpt-fast', [open, plain], false).map((candidate) => candidate.credential.id)).toEqual(['plain']);
    expect(resolveCandidates('other', [open, plain], false).map((candidate) => candidate.credential.id)).toEqual(['open']);
  });

  it('an unknown alias has no candidates', () => {
    expect(resolveCandidates('nope', [plain, prefixed], false)).toEqual([]);
  });
});

describe('listServedModels', () => {
  it('lists aliases and prefix variants, de-duplicated', () => {
    expect(listServedModels([plain, prefixed, open], false).map((model) => model.id)).toEqual(['gpt-fast', 'team/gpt-fast']);
    expect(listServedModels([prefixed], true).map((model) => model.id)).toEqual(['team/gpt-fast']);
  });
});
