import { describe, expect, it } from 'vitest';
import { parseModelName, upstreamModelName } from './parse-model-name';
import { resolveCandidates, upstreamModelOf } from './resolve-candidates';
import { testCredential } from './test-credential.fixture';

describe('parseModelName', () => {
  it('splits the thinking suffix off, keeps the text as written and a prefix on the base', () => {
    expect(parseModelName(' team/gpt-5(high) ')).toEqual({ text: ' team/gpt-5(high) ', base: 'team/gpt-5', suffix: '(high)' });
    expect(parseModelName('claude-sonnet-4-5(8192)')).toEqual({ text: 'claude-sonnet-4-5(8192)', base: 'claude-sonnet-4-5', suffix: '(8192)' });
    expect(parseModelName('gpt-5')).toEqual({ text: 'gpt-5', base: 'gpt-5', suffix: '' });
    expect(parseModelName('(high)')).toEqual({ text: '(high)', base: '(high)', suffix: '' });
  });
});

describe('upstreamModelName', () => {
  it('puts the client suffix on the target; a target’s own suffix counts only without one', () => {
    expect(upstreamModelName('upstream-gpt', '(high)')).toEqual({ text: 'upstream-gpt(high)', base: 'upstream-gpt', suffix: '(high)' });
    expect(upstreamModelName('gemini-2.5-pro(8192)', '')).toEqual({ text: 'gemini-2.5-pro(8192)', base: 'gemini-2.5-pro', suffix: '(8192)' });
    expect(upstreamModelName('gemini-2.5-pro(8192)', '(low)')).toMatchObject({ base: 'gemini-2.5-pro(8192)', suffix: '(low)' });
  });

  it('is what a resolved candidate carries, so nothing splits its name again', () => {
    const credential = testCredential({ id: 'c', models: [{ name: 'upstream-gpt', alias: 'gpt-fast' }] });
    const [candidate] = resolveCandidates(parseModelName('gpt-fast(high)'), [credential], false);
    expect(candidate?.upstream).toEqual({ text: 'upstream-gpt(high)', base: 'upstream-gpt', suffix: '(high)' });
    expect(upstreamModelOf({ credential, upstreamModel: 'upstream-gpt(low)' })).toEqual({ text: 'upstream-gpt(low)', base: 'upstream-gpt', suffix: '(low)' });
  });
});
