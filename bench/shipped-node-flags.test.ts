import { describe, expect, it } from 'vitest';
import { shippedNodeFlags } from './shipped-node-flags';

describe('shippedNodeFlags', () => {
  it('reads the flags of the shebang line', () => {
    expect(shippedNodeFlags('#!/usr/bin/env -S node --max-semi-space-size=2 --stack-size=900\n// rest')).toEqual(['--max-semi-space-size=2', '--stack-size=900']);
    expect(shippedNodeFlags('#!/usr/bin/env node\n')).toEqual([]);
  });

  it('refuses a first line that is not a node shebang', () => {
    expect(() => shippedNodeFlags('// no shebang\n')).toThrow(/does not start with a node shebang/);
  });

  it("gives the real bin's V8 heap setting", () => {
    expect(shippedNodeFlags()).toEqual(['--max-semi-space-size=4']);
  });
});
