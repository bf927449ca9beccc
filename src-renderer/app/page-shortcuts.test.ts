import { describe, expect, it } from 'vitest';
import { pageShortcutOf, pathForShortcut } from './page-shortcuts';

const press = (code: string, modifiers: Partial<{ altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }> = {}) => ({
  key: '¡',
  code,
  altKey: true,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  ...modifiers,
});

describe('page shortcuts', () => {
  const paths = ['dashboard', 'accounts', 'connect'];

  it('Alt+digit opens the page at that position, whatever character the layout types', () => {
    expect(pathForShortcut(press('Digit1'), paths)).toBe('dashboard');
    expect(pathForShortcut(press('Digit3'), paths)).toBe('connect');
    expect(pageShortcutOf(0)).toBe('Alt+1');
    expect(pageShortcutOf(9)).toBeNull();
  });

  it('ignores other keys, other modifiers and positions without a page', () => {
    expect(pathForShortcut(press('Digit4'), paths)).toBeNull();
    expect(pathForShortcut(press('KeyA'), paths)).toBeNull();
    expect(pathForShortcut(press('Digit1', { altKey: false }), paths)).toBeNull();
    expect(pathForShortcut(press('Digit1', { ctrlKey: true }), paths)).toBeNull();
    expect(pathForShortcut(press('Digit1', { shiftKey: true }), paths)).toBeNull();
  });
});
