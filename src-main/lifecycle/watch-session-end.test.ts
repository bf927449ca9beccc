import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { watchSessionEnd } from './watch-session-end';

describe('watchSessionEnd', () => {
  it('quits once when Windows ends the session (the engine then drains), however often the event comes', () => {
    const window = new EventEmitter();
    let quits = 0;
    watchSessionEnd(window, () => (quits += 1));
    expect(quits).toBe(0);
    window.emit('session-end');
    window.emit('session-end');
    expect(quits).toBe(1);
  });
});
