import { describe, expect, it } from 'vitest';
import { popoverPosition, type Rect } from './popover-position';

const size = { width: 360, height: 480 };
const icon = (x: number, y: number, side = 22): Rect => ({ x, y, width: side, height: side });

describe('popoverPosition', () => {
  it('macOS: below the icon in the menu bar, centred on it', () => {
    const workArea = { x: 0, y: 25, width: 1440, height: 875 };
    expect(popoverPosition({ trayBounds: icon(1000, 1, 22), workArea, size })).toEqual({ x: 831, y: 25 });
  });

  it('Windows, taskbar at the bottom: above the icon, resting on the taskbar', () => {
    const workArea = { x: 0, y: 0, width: 1920, height: 1040 };
    expect(popoverPosition({ trayBounds: { x: 1700, y: 1048, width: 24, height: 32 }, workArea, size })).toEqual({ x: 1532, y: 560 });
  });

  it('Windows, taskbar at the top: below the icon', () => {
    const workArea = { x: 0, y: 40, width: 1920, height: 1040 };
    expect(popoverPosition({ trayBounds: { x: 1700, y: 4, width: 24, height: 32 }, workArea, size })).toEqual({ x: 1532, y: 40 });
  });

  it('macOS, menu bar hidden (the workArea includes it): below the icon, not over it', () => {
    const workArea = { x: 0, y: 0, width: 1440, height: 900 };
    expect(popoverPosition({ trayBounds: icon(1000, 1, 22), workArea, size })).toEqual({ x: 831, y: 23 });
  });

  it('Windows, taskbar auto-hidden (the workArea includes it): above the icon, not over it', () => {
    const workArea = { x: 0, y: 0, width: 1920, height: 1080 };
    expect(popoverPosition({ trayBounds: { x: 1700, y: 1048, width: 24, height: 32 }, workArea, size })).toEqual({ x: 1532, y: 568 });
  });

  it('an icon at the right edge: the popover stays inside the workArea', () => {
    const workArea = { x: 0, y: 0, width: 1920, height: 1040 };
    expect(popoverPosition({ trayBounds: icon(1900, 1050, 16), workArea, size })).toEqual({ x: 1560, y: 560 });
  });

  it('Windows, taskbar on the left: beside it, not over it', () => {
    const workArea = { x: 60, y: 0, width: 1860, height: 1080 };
    expect(popoverPosition({ trayBounds: icon(20, 1000, 20), workArea, size })).toEqual({ x: 60, y: 520 });
  });

  it('a second display left of and above the primary one (negative coordinates)', () => {
    const workArea = { x: -2560, y: -400, width: 2560, height: 1400 };
    expect(popoverPosition({ trayBounds: icon(-300, -399, 22), workArea, size })).toEqual({ x: -469, y: -377 });
  });

  it('a workArea smaller than the popover: pinned to its top-left corner', () => {
    const workArea = { x: 100, y: 100, width: 300, height: 400 };
    expect(popoverPosition({ trayBounds: icon(200, 90, 10), workArea, size })).toEqual({ x: 100, y: 100 });
  });

  it('half pixels (scaled displays) are rounded to whole ones', () => {
    const workArea = { x: 0, y: 24, width: 1512, height: 958 };
    expect(popoverPosition({ trayBounds: { x: 1000.5, y: 0, width: 21, height: 24 }, workArea, size })).toEqual({ x: 831, y: 24 });
  });
});
