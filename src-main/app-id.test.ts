import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { appId } from './app-id';

describe('appId', () => {
  it('is the appId electron-builder writes into the Windows shortcut (else toasts are dropped)', () => {
    const config = parse(readFileSync(join(import.meta.dirname, '..', 'electron-builder.yml'), 'utf8')) as { appId: string };
    expect(config.appId).toBe(appId);
  });
});
