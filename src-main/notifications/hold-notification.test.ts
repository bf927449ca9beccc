import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { holdNotification } from './hold-notification';

describe('holdNotification', () => {
  it('notification click does nothing: the notification stays referenced until clicked, closed or failed', () => {
    const held = new Set<EventEmitter>();
    const [clicked, closed, failed, open] = [new EventEmitter(), new EventEmitter(), new EventEmitter(), new EventEmitter()];
    for (const each of [clicked, closed, failed, open]) holdNotification(held, each);
    expect(held.size).toBe(4);
    clicked.emit('click');
    closed.emit('close');
    failed.emit('failed');
    expect([...held]).toEqual([open]);
  });
});
