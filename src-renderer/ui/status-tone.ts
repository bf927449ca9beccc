/** ok = green, busy = amber, error = red, neutral = grey: status colours are used for status only. */
export type StatusTone = 'ok' | 'busy' | 'error' | 'neutral';
