import { mkdir, readFile, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { diffLines, type DiffLine } from '../../src-shared/line-diff';
import type { ClientConnectionStatus, ClientPreview } from '../../src-shared/control/client-types';
import { writeFileAtomic } from '../config/write-file-atomic';
import type { ClientConnector, ClientId, ConnectTarget, OwnedValues } from './client-connector';
import { claudeCodeConnector } from './claude-code-connector';
import { codexConnector } from './codex-connector';

export const clientConnectors: readonly ClientConnector[] = [claudeCodeConnector, codexConnector];

/** What Disconnect needs: the file as it was, the text we wrote, and the owned keys' previous values. */
interface LedgerEntry {
  path: string;
  /** null = the file did not exist. */
  originalText: string | null;
  writtenText: string;
  previous: OwnedValues;
  connectedAt: number;
}

type Ledger = Partial<Record<ClientId, LedgerEntry>>;

export interface ClientConnectionsOptions {
  home: string;
  env: NodeJS.ProcessEnv;
  /** JSON file (0600) recording what each connect changed: `client-connections.json` beside config.yaml. */
  ledgerPath: string;
  target(): ConnectTarget;
  now(): number;
}

/**
 * One-click Connect / Disconnect of client tools (Claude Code, Codex CLI). Connect changes only the
 * keys the connector owns and records their previous values; Disconnect restores the file byte for byte
 * when nobody touched it since, else puts back exactly the owned keys and leaves the user's other edits.
 */
export class ClientConnections {
  constructor(private readonly options: ClientConnectionsOptions) {}

  async list(): Promise<ClientConnectionStatus[]> {
    const ledger = await this.readLedger();
    return Promise.all(clientConnectors.map(async (connector) => this.statusOf(connector, ledger, await readText(this.pathOf(connector)))));
  }

  /** The change Connect would make, with the key masked. */
  async preview(id: ClientId): Promise<ClientPreview> {
    const connector = this.connector(id);
    const path = this.pathOf(connector);
    const before = (await readText(path)) ?? '';
    const target = this.options.target();
    // The user's own keys among the owned settings (e.g. an ANTHROPIC_API_KEY being removed) are masked too.
    const secrets = [target.apiKey, ...Object.values(connector.capture(before)).filter((value): value is string => typeof value === 'string' && value.length >= 8)];
    return { path, diff: maskSecrets(diffLines(before, connector.connect(before, target)), secrets) };
  }

  async connect(id: ClientId): Promise<ClientConnectionStatus> {
    const connector = this.connector(id);
    const path = this.pathOf(connector);
    const target = this.options.target();
    const ledger = await this.readLedger();
    const current = await readText(path);
    if (current !== null && connector.isConnected(current, target) && ledger[id]) return this.statusOf(connector, ledger, current);
    const writtenText = connector.connect(current ?? '', target);
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    await writeFileAtomic(path, writtenText, await modeOf(path));
    ledger[id] = { path, originalText: current, writtenText, previous: connector.capture(current ?? ''), connectedAt: this.options.now() };
    await this.writeLedger(ledger);
    return this.statusOf(connector, ledger, writtenText);
  }

  async disconnect(id: ClientId): Promise<ClientConnectionStatus> {
    const connector = this.connector(id);
    const ledger = await this.readLedger();
    const entry = ledger[id];
    if (!entry) throw new Error(`${connector.label} was not connected by this app, so there is nothing to undo.`);
    const current = await readText(entry.path);
    if (current === entry.writtenText && entry.originalText === null) {
      await unlink(entry.path);
    } else if (current === entry.writtenText && entry.originalText !== null) {
      await writeFileAtomic(entry.path, entry.originalText, await modeOf(entry.path));
    } else if (current !== null) {
      await writeFileAtomic(entry.path, connector.restore(current, entry.previous), await modeOf(entry.path));
    }
    delete ledger[id];
    await this.writeLedger(ledger);
    return this.statusOf(connector, ledger, await readText(entry.path));
  }

  private statusOf(connector: ClientConnector, ledger: Ledger, text: string | null): ClientConnectionStatus {
    const entry = ledger[connector.id];
    const connected = text !== null && connector.isConnected(text, this.options.target());
    return {
      id: connector.id,
      label: connector.label,
      path: entry?.path ?? this.pathOf(connector),
      fileExists: text !== null,
      state: connected ? 'connected' : entry ? 'changed-since-connect' : 'not-connected',
      connectedAt: entry?.connectedAt ?? null,
      canDisconnect: entry !== undefined,
    };
  }

  private connector(id: ClientId): ClientConnector {
    const connector = clientConnectors.find((candidate) => candidate.id === id);
    if (!connector) throw new Error(`Unknown client '${id}'.`);
    return connector;
  }

  private pathOf(connector: ClientConnector): string {
    return connector.settingsPath(this.options.home, this.options.env);
  }

  private async readLedger(): Promise<Ledger> {
    const text = await readText(this.options.ledgerPath);
    if (text === null) return {};
    try {
      const parsed: unknown = JSON.parse(text);
      return parsed !== null && typeof parsed === 'object' ? (parsed as Ledger) : {};
    } catch {
      throw new Error(`${this.options.ledgerPath} is damaged; move it away to start over (Disconnect needs it to undo changes).`);
    }
  }

  private async writeLedger(ledger: Ledger): Promise<void> {
    await writeFileAtomic(this.options.ledgerPath, `${JSON.stringify(ledger, null, 2)}\n`, 0o600);
  }
}

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Keep an existing file's permissions; new files hold a key, so 0600. */
async function modeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).mode & 0o777;
  } catch {
    return 0o600;
  }
}

function maskSecrets(diff: DiffLine[], secrets: readonly string[]): DiffLine[] {
  const masked = (secret: string) => (secret.length > 12 ? `${secret.slice(0, 8)}…${secret.slice(-4)}` : '…');
  return diff.map((line) => ({ ...line, text: secrets.reduce((text, secret) => (secret === '' ? text : text.replaceAll(secret, masked(secret))), line.text) }));
}
