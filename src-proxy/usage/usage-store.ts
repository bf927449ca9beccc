import { chmodSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { RequestFinished } from '../runtime/request-finished';
import { createUsageQueries, type UsageQueries } from './create-usage-queries';
import { createUsageRowWriter } from './create-usage-row-writer';
import { migrateUsageDatabase } from './migrate-usage-database';
import { toUsageRequestRow } from './to-usage-request-row';
import type { UsageBreakdownRow, UsageBucket, UsageFilter, UsageGroupBy, UsageRange, UsageRequestRow, UsageSeriesPoint, UsageTotals } from './usage-types';

export interface UsageStoreOptions {
  /** Raw rows older than this many days are deleted (on open and daily); hourly aggregates stay. Default 30. */
  retentionDays?: number;
  /** How often recorded requests are written, in one transaction. Default 250 ms. */
  flushIntervalMs?: number;
  /** config `usage-statistics-enabled`; when false `record` drops events (queries still work). Default true. */
  enabled?: boolean;
  now?: () => number;
  /** better-sqlite3's binary for this runtime (Electron during development); default: the module's own. */
  nativeBinding?: string;
  /** A failed write (disk full, file removed): the batch is kept for the next flush, up to maxPendingEvents. */
  onError?: (error: unknown) => void;
}

const dayMs = 86_400_000;
/**
 * SQLite's page cache for usage.sqlite, in KiB as a negative `PRAGMA cache_size` takes it: SQLite's own default
 * (2 MB). better-sqlite3 builds SQLite with 16 MB, and the cache kept every page the writer appended until it held
 * that much: under steady traffic the engine's RSS crept up ~17 MB in its first minute (bench/README.md, "Memory").
 * The writer touches only the last pages of the table, its time index and the hour's aggregate rows.
 */
export const USAGE_PAGE_CACHE_KIB = -2000;
/** Pending events kept while writes fail; beyond this the oldest are dropped rather than growing without bound. */
const maxPendingEvents = 100_000;

/**
 * Durable usage history in one SQLite file (WAL, synchronous=NORMAL: a killed process loses at most the
 * events of the last flush interval; a committed flush survives a process crash). `record` is the hot
 * path: it only appends the event to an array; a timer turns pending events into rows and writes them.
 * Every query first writes what is pending, so reads see every recorded request.
 */
export class UsageStore {
  private pending: RequestFinished[] = [];
  private recording: boolean;
  private closed = false;
  private readonly writeRows: (rows: readonly UsageRequestRow[]) => void;
  private readonly queries: UsageQueries;
  private readonly timers: NodeJS.Timeout[];
  private readonly now: () => number;
  private readonly retentionMs: number;
  private readonly onError: (error: unknown) => void;

  private constructor(private readonly db: Database, options: UsageStoreOptions) {
    this.recording = options.enabled ?? true;
    this.now = options.now ?? Date.now;
    this.retentionMs = (options.retentionDays ?? 30) * dayMs;
    this.onError = options.onError ?? (() => undefined);
    this.writeRows = createUsageRowWriter(db);
    this.queries = createUsageQueries(db);
    this.pruneRawRows();
    // unref: the store never keeps a process alive; whoever owns it calls close() on the way out.
    this.timers = [
      setInterval(() => this.flush(), options.flushIntervalMs ?? 250).unref(),
      setInterval(() => this.pruneRawRows(), dayMs).unref(),
    ];
  }

  /** Opens (creating it, mode 0600, and its folder if needed) and migrates the file at `path`. */
  static open(path: string, options: UsageStoreOptions = {}): UsageStore {
    mkdirSync(dirname(path), { recursive: true });
    const db = new BetterSqlite3(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
    try {
      chmodSync(path, 0o600);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma(`cache_size = ${USAGE_PAGE_CACHE_KIB}`);
      migrateUsageDatabase(db);
      return new UsageStore(db, options);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** Hot path, once per finished request: O(1), no I/O; a no-op while recording is disabled or after close. */
  record(event: RequestFinished): void {
    if (this.recording && !this.closed) this.pending.push(event);
  }

  setEnabled(enabled: boolean): void {
    this.recording = enabled;
  }

  get enabled(): boolean {
    return this.recording;
  }

  /** Writes pending events in one transaction; returns how many. The timer calls it; so do queries and close(). */
  flush(): number {
    if (this.closed || this.pending.length === 0) return 0;
    const batch = this.pending;
    this.pending = [];
    try {
      this.writeRows(batch.map(toUsageRequestRow));
      return batch.length;
    } catch (error) {
      this.pending = batch.concat(this.pending).slice(-maxPendingEvents);
      this.onError(error);
      return 0;
    }
  }

  /** Stores rows that did not come through record() (a CPA import) right away. */
  write(rows: readonly UsageRequestRow[]): void {
    this.writeRows(rows);
  }

  /** Deletes raw rows older than the retention; returns how many. */
  pruneRawRows(): number {
    if (this.closed) return 0;
    return this.db.prepare('DELETE FROM usage_requests WHERE time < ?').run(this.now() - this.retentionMs).changes;
  }

  totals(range: UsageRange, filter?: UsageFilter): UsageTotals {
    this.flush();
    return this.queries.totals(range, filter);
  }

  series(range: UsageRange, bucket: UsageBucket, groupBy: UsageGroupBy, filter?: UsageFilter): UsageSeriesPoint[] {
    this.flush();
    return this.queries.series(range, bucket, groupBy, filter);
  }

  breakdown(range: UsageRange, groupBy: UsageGroupBy, filter?: UsageFilter): UsageBreakdownRow[] {
    this.flush();
    return this.queries.breakdown(range, groupBy, filter);
  }

  recent(limit: number, filter?: UsageFilter): UsageRequestRow[] {
    this.flush();
    return this.queries.recent(limit, filter);
  }

  /** Total tokens of one credential's requests with time in [from, to). */
  tokensOf(credential: string, range: UsageRange): number {
    this.flush();
    return this.queries.tokensOf(credential, range);
  }

  /** Raw rows with time in [from, to), oldest first. */
  rowsIn(range: UsageRange): UsageRequestRow[] {
    this.flush();
    return this.queries.rowsIn(range);
  }

  /** Raw rows stored after local row id `localId`, oldest first, at most `limit` (the team server ships them). */
  rowsAfter(localId: number, limit: number): Array<UsageRequestRow & { localId: number }> {
    this.flush();
    return this.closed ? [] : this.queries.rowsAfter(localId, limit);
  }

  /** Writes what is pending and closes the file. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    this.db.close();
  }
}
