import { z } from 'zod';
import type { QuotaService } from '../../quota/quota-service';
import type { AccountQuota } from '../../quota/quota-types';
import { parseNotificationPayload } from './parse-notification-payload';
import { PostgresListener } from './postgres-listener';
import type { PostgresParts } from './postgres-parts';

/** At most one write per engine in this time: readings arriving meanwhile wait, the newest per credential wins. */
const quotaFlushEveryMs = 1_000;

/** A notification names the credentials written; past this size it names none and the others read every row. */
const maxPayloadBytes = 7_000;

const announced = z.object({ by: z.string(), credentials: z.array(z.string()).nullable() });
/** What a row must look like to be shown (rows are written by this project's engines; a broken one is skipped). */
const storedQuota = z.looseObject({ source: z.string(), updatedAt: z.number(), windows: z.array(z.looseObject({ id: z.string() })) });

/**
 * Quota readings shared by a team (docs/team-server.md#quota-readings): what an upstream told one engine about
 * an account's quota (its answers' headers, a quota error, the usage endpoint) reaches the quota page and the
 * quota-aware routing of every engine. Throttled: the readings of a second go out in one statement (a row per
 * credential, replaced only by a newer reading), announced with the credentials' ids; the others read those
 * rows. An engine that starts, or whose notifications resume, loads every row. A write that fails keeps its
 * readings queued for the next flush; meanwhile each engine knows what its own answers told it.
 */
export class SharedQuotaReadings {
  private readonly table: string;
  private listener: PostgresListener | null = null;
  private detach: (() => void) | null = null;
  private readonly pending = new Map<string, AccountQuota>();
  private timer: NodeJS.Timeout | null = null;
  private lastFlush = 0;
  private failing = false;

  constructor(private readonly parts: PostgresParts) {
    this.table = `${parts.schema}.quota_readings`;
  }

  async attach(quota: QuotaService): Promise<void> {
    if (this.listener) return;
    this.detach = quota.onReading((credentialId, reading) => this.queue(credentialId, reading));
    this.listener = new PostgresListener(this.parts.clientConfig, this.table, (payload) => void this.received(quota, payload), this.parts.logger);
    await this.listener.start();
    await this.load(quota, null);
  }

  stop(): void {
    this.detach?.();
    this.detach = null;
    this.listener?.stop();
    this.listener = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private queue(credentialId: string, reading: AccountQuota): void {
    this.pending.set(credentialId, reading);
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.detach === null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, Math.max(0, this.lastFlush + quotaFlushEveryMs - Date.now()));
    this.timer.unref();
  }

  private async flush(): Promise<void> {
    this.lastFlush = Date.now();
    const batch = [...this.pending];
    this.pending.clear();
    const credentials = batch.map(([credential]) => credential);
    let payload = JSON.stringify({ by: this.parts.instanceId, credentials });
    if (Buffer.byteLength(payload) > maxPayloadBytes) payload = JSON.stringify({ by: this.parts.instanceId, credentials: null });
    try {
      await this.parts.pool.query(
        `WITH written AS (
           INSERT INTO ${this.table} (credential, reading, read_at, updated_by)
           SELECT given.credential, given.reading, given.read_at, $2 FROM jsonb_to_recordset($1::jsonb) AS given(credential text, reading jsonb, read_at bigint)
           ON CONFLICT (credential) DO UPDATE SET reading = EXCLUDED.reading, read_at = EXCLUDED.read_at, updated_by = EXCLUDED.updated_by
             WHERE ${this.table}.read_at < EXCLUDED.read_at
           RETURNING 1)
         SELECT pg_notify($3, $4) WHERE EXISTS (SELECT 1 FROM written)`,
        [JSON.stringify(batch.map(([credential, reading]) => ({ credential, reading, read_at: reading.updatedAt }))), this.parts.instanceId, this.table, payload],
      );
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.parts.logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'team store unreachable: quota readings stay on this engine until it returns');
      this.failing = true;
      // Newer readings queued meanwhile win over the ones that failed.
      for (const [credential, reading] of batch) if (!this.pending.has(credential)) this.pending.set(credential, reading);
      this.schedule();
    }
  }

  private async received(quota: QuotaService, payload: string | null): Promise<void> {
    if (payload === null) return this.load(quota, null);
    const parsed = announced.safeParse(parseNotificationPayload(payload));
    if (!parsed.success || parsed.data.by === this.parts.instanceId) return;
    await this.load(quota, parsed.data.credentials);
  }

  /** The rows of `credentials` (null: every row) into this engine's quota service. */
  private async load(quota: QuotaService, credentials: string[] | null): Promise<void> {
    try {
      const { rows } = await this.parts.pool.query<{ credential: string; reading: unknown }>(
        `SELECT credential, reading FROM ${this.table} WHERE $1::text[] IS NULL OR credential = ANY($1::text[])`,
        [credentials],
      );
      for (const row of rows) {
        if (storedQuota.safeParse(row.reading).success) quota.applyShared(row.credential, row.reading as AccountQuota);
      }
    } catch (error) {
      this.parts.logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'team store unreachable: shared quota readings not loaded');
    }
  }
}
