import type pg from 'pg';
import type { UsageStore } from '../../usage/usage-store';
import type { UsageRequestRow } from '../../usage/usage-types';

export interface UsageShipperLogger {
  warn(details: Record<string, unknown>, message: string): void;
  info(details: Record<string, unknown>, message: string): void;
}

/** Rows per INSERT (11 parameters each, far below PostgreSQL's 65,535). */
const batchSize = 500;

/**
 * Copies this engine's usage rows from its local history (usage.sqlite, durable on disk) into the team's
 * `usage_requests`, oldest first, every `intervalMs`. The local history is the buffer: while the database
 * is away rows stay there (bounded by its raw-row retention, 30 days) and are sent when it returns; a
 * resend after a crash between INSERT and bookkeeping is ignored by the (instance_id, local_id) key.
 */
export class UsageShipper {
  /** The newest local id known to be in the database; read from it before the first send. */
  private shippedUpTo: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private failing = false;

  constructor(
    private readonly parts: { pool: pg.Pool; schema: string; instanceId: string; usage: UsageStore; logger: UsageShipperLogger },
    private readonly intervalMs = 1_000,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.ship(), this.intervalMs).unref();
  }

  /** Stops the timer and makes one last attempt (what fails stays in the local history for the next start). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ship();
  }

  /** Sends every row not sent yet; resolves with how many (0 when the database is away). One run at a time. */
  ship(): Promise<number> {
    this.running ??= this.shipAll().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async shipAll(): Promise<number> {
    let sent = 0;
    try {
      this.shippedUpTo ??= await this.readShippedUpTo();
      for (;;) {
        const rows = this.parts.usage.rowsAfter(this.shippedUpTo, batchSize);
        if (rows.length === 0) break;
        await this.insert(rows);
        this.shippedUpTo = rows[rows.length - 1]?.localId ?? this.shippedUpTo;
        sent += rows.length;
      }
      if (this.failing) this.parts.logger.info({ sent }, 'team store back: buffered usage rows sent');
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.parts.logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'team store unreachable: usage rows stay in the local history and are sent when it returns');
      this.failing = true;
    }
    return sent;
  }

  private async readShippedUpTo(): Promise<number> {
    const result = await this.parts.pool.query<{ local_id: string | null }>(`SELECT max(local_id) AS local_id FROM ${this.parts.schema}.usage_requests WHERE instance_id = $1`, [this.parts.instanceId]);
    return Number(result.rows[0]?.local_id ?? 0);
  }

  private async insert(rows: ReadonlyArray<UsageRequestRow & { localId: number }>): Promise<void> {
    const params: unknown[] = [];
    const tuples = rows.map((row) => {
      const { localId, ...stored } = row;
      const values = [this.parts.instanceId, localId, new Date(row.at), row.clientKey, row.provider, row.credential, row.upstreamModel ?? row.model, row.status, row.failed, row.totalTokens, JSON.stringify(stored)];
      const placeholders = values.map((value) => {
        params.push(value);
        return `$${params.length}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    await this.parts.pool.query(
      `INSERT INTO ${this.parts.schema}.usage_requests (instance_id, local_id, at, client_key, provider, credential, model, status, failed, total_tokens, row)
       VALUES ${tuples.join(', ')} ON CONFLICT (instance_id, local_id) DO NOTHING`,
      params,
    );
  }
}
