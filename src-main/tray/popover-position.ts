/** A screen rectangle in Electron's DIP coordinates (Tray bounds, a display's workArea). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PopoverPlacement {
  /** The tray icon's bounds, as the tray's click event gives them. */
  trayBounds: Rect;
  /** The workArea of the display nearest the icon (without menu bar, taskbar or dock). */
  workArea: Rect;
  size: { width: number; height: number };
}

/**
 * Where the popover's top-left corner goes: centred on the icon, on the side of it that faces the middle of
 * the display (below the macOS menu bar, above a Windows taskbar at the bottom, below one at the top), then
 * moved inside the workArea (a taskbar on the left or right, an icon near a screen edge). Integers: Electron's
 * setPosition takes whole pixels.
 */
export function popoverPosition({ trayBounds, workArea, size }: PopoverPlacement): { x: number; y: number } {
  const iconCentreY = trayBounds.y + trayBounds.height / 2;
  const opensDown = iconCentreY < workArea.y + workArea.height / 2;
  const x = trayBounds.x + trayBounds.width / 2 - size.width / 2;
  const y = opensDown ? trayBounds.y + trayBounds.height : trayBounds.y - size.height;
  return {
    x: Math.round(clamp(x, workArea.x, workArea.x + workArea.width - size.width)),
    y: Math.round(clamp(y, workArea.y, workArea.y + workArea.height - size.height)),
  };
}

function clamp(value: number, min: number, max: number): number {
  // min wins when the workArea is smaller than the popover: its top-left corner stays on screen.
  return Math.max(Math.min(value, max), min);
}
