import { describe, expect, it } from 'vitest';
import { applyTheme } from './apply-theme';

function fakeRoot() {
  const attributes = new Map<string, string>();
  return {
    attributes,
    setAttribute: (name: string, value: string) => void attributes.set(name, value),
    removeAttribute: (name: string) => void attributes.delete(name),
  };
}

describe('applyTheme', () => {
  it('sets the override for light and dark and removes it for system', () => {
    const root = fakeRoot();
    applyTheme(root, 'dark');
    expect(root.attributes.get('data-theme')).toBe('dark');
    applyTheme(root, 'light');
    expect(root.attributes.get('data-theme')).toBe('light');
    applyTheme(root, 'system');
    expect(root.attributes.has('data-theme')).toBe(false);
  });
});
