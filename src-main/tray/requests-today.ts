import type { ControlApi } from '../../src-shared/control-contract';

/**
 * "142 requests today" for the tray: seeded from usage history (usage.totals since local midnight) and
 * counted up on each request.finished; a new day starts at zero. Null until known.
 */
export class RequestsToday {
  private count: number | null = null;
  private day = '';

  constructor(
    private readonly control: Pick<ControlApi, 'invoke'>,
    private readonly now: () => number = Date.now,
  ) {}

  value(): number | null {
    this.rollOver();
    return this.count;
  }

  /** Re-reads today's total from usage history; keeps the running count when history is unavailable. */
  async refresh(): Promise<void> {
    const now = this.now();
    try {
      const totals = await this.control.invoke('usage.totals', { from: startOfLocalDay(now), to: now + 1 });
      this.day = localDay(now);
      this.count = totals.requests;
    } catch {
      this.rollOver();
      this.count ??= 0;
    }
  }

  /** One more finished request (at `at`, epoch ms). */
  add(at: number): void {
    this.rollOver();
    if (this.count !== null && localDay(at) === this.day) this.count += 1;
  }

  private rollOver(): void {
    const today = localDay(this.now());
    if (this.day === today) return;
    if (this.day !== '') this.count = 0;
    this.day = today;
  }
}

function localDay(at: number): string {
  const date = new Date(at);
  return `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;
}

function startOfLocalDay(at: number): number {
  const date = new Date(at);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}
