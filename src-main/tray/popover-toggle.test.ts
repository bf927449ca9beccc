import { describe, expect, it } from 'vitest';
import { blurClickGraceMs, popoverClickAction } from './popover-toggle';

describe('popoverClickAction', () => {
  it('opens a hidden popover and closes a visible one', () => {
    expect(popoverClickAction({ visible: false, hiddenByBlurAt: null }, 1000)).toBe('show');
    expect(popoverClickAction({ visible: true, hiddenByBlurAt: null }, 1000)).toBe('hide');
  });

  it('a click right after blur hid the popover (Windows: blur comes first) keeps it closed', () => {
    expect(popoverClickAction({ visible: false, hiddenByBlurAt: 1000 }, 1000 + blurClickGraceMs - 1)).toBe('none');
  });

  it('a later click opens it again', () => {
    expect(popoverClickAction({ visible: false, hiddenByBlurAt: 1000 }, 1000 + blurClickGraceMs)).toBe('show');
  });
});
