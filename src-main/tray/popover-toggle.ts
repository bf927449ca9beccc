/**
 * Windows sends the popover's blur before the tray's click, so a click meant to close the popover would
 * find it already hidden and open it again (https://github.com/max-mapper/menubar/issues/274). A click this
 * soon after a blur-hide counts as the closing click.
 */
export const blurClickGraceMs = 300;

export interface PopoverToggleState {
  visible: boolean;
  /** When blur last hid the popover (ms), or null. */
  hiddenByBlurAt: number | null;
}

/** What a left-click on the tray does to the popover. */
export function popoverClickAction(state: PopoverToggleState, now: number): 'show' | 'hide' | 'none' {
  if (state.visible) return 'hide';
  const justHidden = state.hiddenByBlurAt !== null && now - state.hiddenByBlurAt < blurClickGraceMs;
  return justHidden ? 'none' : 'show';
}
