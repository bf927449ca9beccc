import pg from 'pg';

export interface PostgresListenerLogger {
  warn(details: Record<string, unknown>, message: string): void;
}

/** Between reconnection attempts while the database is away. */
const reconnectDelayMs = 1_000;

/**
 * LISTEN on one channel over a dedicated connection (a pooled one would drop it). `onNotify` runs for every
 * notification (with its payload) and once after each reconnection (payload null): what changed while the
 * connection was down is unknown, so the caller rereads. A connection that cannot be made now is retried every second until `stop`.
 */
export class PostgresListener {
  private client: pg.Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;

  constructor(
    private readonly clientConfig: pg.ClientConfig,
    private readonly channel: string,
    private readonly onNotify: (payload: string | null) => void,
    private readonly logger: PostgresListenerLogger,
  ) {}

  /** Resolves once listening, or once the first attempt failed (retries continue in the background). */
  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    await this.connect(false);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const client = this.client;
    this.client = null;
    void client?.end().catch(() => undefined);
  }

  private async connect(reconnecting: boolean): Promise<void> {
    const client = new pg.Client(this.clientConfig);
    client.on('notification', (message) => {
      if (message.channel === this.channel) this.onNotify(message.payload ?? '');
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection closed')));
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel}"`);
    } catch (error) {
      this.lost(client, error);
      return;
    }
    if (this.stopped) {
      void client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    if (reconnecting) {
      this.logger.warn({ channel: this.channel }, 'team store notifications resumed');
      this.onNotify(null);
    }
  }

  private lost(client: pg.Client, error: unknown): void {
    if (this.client !== null && this.client !== client) return;
    if (this.client === client) this.client = null;
    void client.end().catch(() => undefined);
    if (this.stopped || this.timer) return;
    this.logger.warn({ channel: this.channel, error: error instanceof Error ? error.message : String(error) }, 'team store notifications interrupted; reconnecting');
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.stopped) void this.connect(true);
    }, reconnectDelayMs);
  }
}
