import { describe, expect, it, vi } from 'vitest';
import { RequestsToday } from './requests-today';

const noon = new Date(2026, 10, 26, 12, 0, 0).getTime();
const midnight = new Date(2026, 10, 26, 0, 0, 0).getTime();

describe('RequestsToday', () => {
  it('seeds from usage history since local midnight and counts each finished request', async () => {
    const invoke = vi.fn(async () => ({ requests: 41 }));
    const counter = new RequestsToday({ invoke } as never, () => noon);
    expect(counter.value()).toBeNull();
    await counter.refresh();
    expect(invoke).toHaveBeenCalledWith('usage.totals', { from: midnight, to: noon + 1 });
    counter.add(noon);
    expect(counter.value()).toBe(42);
  });

  it('starts from zero when usage history is unavailable, and at zero again the next day', async () => {
    let now = noon;
    const counter = new RequestsToday({ invoke: async () => Promise.reject(new Error('Usage history is not available yet.')) } as never, () => now);
    await counter.refresh();
    counter.add(noon);
    counter.add(noon);
    expect(counter.value()).toBe(2);
    now = noon + 24 * 3_600_000;
    expect(counter.value()).toBe(0);
    counter.add(noon);
    expect(counter.value()).toBe(0);
  });
});
