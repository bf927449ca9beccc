import { z } from 'zod';
import { failureReasons } from '../../routing/classify-failure';
import type { CooldownChange, CredentialHealth } from '../../routing/credential-health';
import { parseNotificationPayload } from './parse-notification-payload';
import { PostgresListener } from './postgres-listener';
import type { PostgresParts } from './postgres-parts';


/** A change as it travels in a notification: who made it, and the block (null = cleared). */
const announcedChange = z.object({
  by: z.string(),
  credential: z.string(),
  model: z.string().nullable(),
  state: z.object({ blockedUntil: z.number(), reason: z.enum(failureReasons), quota: z.boolean(), quotaLevel: z.number() }).nullable(),
});
type AnnouncedChange = z.infer<typeof announcedChange>;

/**
 * Cooldowns shared by a team (docs/team-server.md#what-is-shared): a block this engine sets or clears is
 * written to `<schema>.credential_cooldowns` and announced on its channel with the change as payload, so
 * the others apply it at once without a read; an engine that starts, or whose notifications resume after
 * an outage, loads the blocks still running. A write that fails (database away) is logged once and tried
 * again every second while the block runs; meanwhile each engine still cools down on its own failures.
 */
/** Between attempts to send a cooldown change the database did not take. */
const retryMs = 1_000;

export class SharedCooldowns {
  private readonly table: string;
  private readonly channel: string;
  private listener: PostgresListener | null = null;
  private detach: (() => void) | null = null;
  private failing = false;
  /** Changes not sent yet, by credential and model. */
  private readonly pending = new Map<string, CooldownChange>();
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(private readonly parts: PostgresParts) {
    this.table = `${parts.schema}.credential_cooldowns`;
    this.channel = this.table;
  }

  async attach(health: CredentialHealth): Promise<void> {
    if (this.listener) return;
    this.detach = health.onChange((change) => void this.publish(change));
    this.listener = new PostgresListener(this.parts.clientConfig, this.channel, (payload) => void this.received(health, payload), this.parts.logger);
    await this.listener.start();
    await this.load(health);
  }

  stop(): void {
    this.detach?.();
    this.detach = null;
    this.listener?.stop();
    this.listener = null;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  /** Queues the change (the newest per credential and model wins) and sends what is queued. */
  private async publish(change: CooldownChange): Promise<void> {
    this.pending.set(`${change.credentialId}\u0000${change.model ?? ''}`, change);
    await this.flush();
  }

  /**
   * Sends the queued changes; one that fails (the database away or too slow to connect) stays queued and
   * is tried again every second, unless it is a block that has ended meanwhile.
   */
  private async flush(): Promise<void> {
    for (const [id, change] of [...this.pending]) {
      if (change.state && change.state.blockedUntil <= Date.now()) {
        this.pending.delete(id);
        continue;
      }
      try {
        await this.write(change);
        if (this.pending.get(id) === change) this.pending.delete(id);
        this.failing = false;
      } catch (error) {
        if (!this.failing) this.parts.logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'team store unreachable: cooldowns stay on this engine until it returns');
        this.failing = true;
        // Stopped (the engine closes): nothing to retry.
        if (this.detach === null) return;
        this.retryTimer ??= setTimeout(() => {
          this.retryTimer = null;
          void this.flush();
        }, retryMs).unref();
        return;
      }
    }
  }

  private async write(change: CooldownChange): Promise<void> {
    const model = change.model ?? '';
    const payload = JSON.stringify({ by: this.parts.instanceId, credential: change.credentialId, model: change.model, state: change.state } satisfies AnnouncedChange);
    if (change.state) {
      const { blockedUntil, reason, quota, quotaLevel } = change.state;
      await this.parts.pool.query(
        `WITH written AS (
           INSERT INTO ${this.table} (credential, model, blocked_until, reason, quota, quota_level, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (credential, model) DO UPDATE SET blocked_until = EXCLUDED.blocked_until, reason = EXCLUDED.reason, quota = EXCLUDED.quota, quota_level = EXCLUDED.quota_level, updated_by = EXCLUDED.updated_by
           RETURNING 1)
         SELECT pg_notify($8, $9) FROM written`,
        [change.credentialId, model, blockedUntil, reason, quota, quotaLevel, this.parts.instanceId, this.channel, payload],
      );
    } else {
      // Only a row that existed is announced: a success with nothing blocked costs one cheap DELETE.
      await this.parts.pool.query(`WITH removed AS (DELETE FROM ${this.table} WHERE credential = $1 AND model = $2 RETURNING 1) SELECT pg_notify($3, $4) FROM removed`, [change.credentialId, model, this.channel, payload]);
    }
  }

  private async received(health: CredentialHealth, payload: string | null): Promise<void> {
    if (payload === null) return this.load(health);
    const parsed = announcedChange.safeParse(parseNotificationPayload(payload));
    if (!parsed.success || parsed.data.by === this.parts.instanceId) return;
    health.applyShared({ credentialId: parsed.data.credential, model: parsed.data.model, state: parsed.data.state });
  }

  /** The blocks still running (expired rows are removed on the way). */
  private async load(health: CredentialHealth): Promise<void> {
    try {
      const now = Date.now();
      await this.parts.pool.query(`DELETE FROM ${this.table} WHERE blocked_until <= $1`, [now]);
      const rows = (await this.parts.pool.query<{ credential: string; model: string; blocked_until: string; reason: string; quota: boolean; quota_level: number }>(`SELECT credential, model, blocked_until, reason, quota, quota_level FROM ${this.table}`)).rows;
      for (const row of rows) {
        const reason = z.enum(failureReasons).safeParse(row.reason);
        if (!reason.success) continue;
        health.applyShared({ credentialId: row.credential, model: row.model === '' ? null : row.model, state: { blockedUntil: Number(row.blocked_until), reason: reason.data, quota: row.quota, quotaLevel: row.quota_level } });
      }
    } catch (error) {
      this.parts.logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'team store unreachable: shared cooldowns not loaded');
    }
  }
}
