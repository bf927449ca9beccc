import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A private PostgreSQL server in a temp folder, for the team-server suites. */
export interface TestPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`, trust authentication on loopback only. */
  dsn: string;
  port: number;
  /** Stops the server, keeping its data (an outage); `start` brings it back on the same port. */
  pause(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and deletes its folder. */
  stop(): Promise<void>;
}

/**
 * initdb + pg_ctl in a fresh temp folder on a free loopback port, the unix socket inside that folder.
 * PostgreSQL refuses to run as root, so as root the folder is handed to the `postgres` user (Debian's
 * `postgresql` package creates it) and the tools run through `runuser`.
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const bin = postgresBinDir();
  const folder = await mkdtemp(join(tmpdir(), 'cliproxy-pg-'));
  const data = join(folder, 'data');
  const runAsOwner = await ownerRunner(folder);
  const tool = (name: string, args: string[]) => runAsOwner(join(bin, name), args);
  const template = process.env[templateVariable];
  if (template === undefined) await initCluster(runAsOwner, bin, data);
  else await runAsOwner('cp', ['-a', template, data]);
  const port = await freePort();
  const settings = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200`;
  const start = async () => {
    await tool('pg_ctl', ['-D', data, '-o', settings, '-l', join(folder, 'server.log'), '-w', 'start']);
  };
  const pause = async () => {
    await tool('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  };
  await start();
  return {
    dsn: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    pause,
    async stop() {
      await tool('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/** Set by `postgres-template.global-setup.ts`: an initdb'd data folder each server copies (initdb takes seconds). */
export const templateVariable = 'CLIPROXY_TEST_PG_TEMPLATE';

/** Creates a data folder for the team suites to copy; the caller removes `folder` after the run. */
export async function createPostgresTemplate(): Promise<{ folder: string; data: string }> {
  const folder = await mkdtemp(join(tmpdir(), 'cliproxy-pg-template-'));
  const data = join(folder, 'data');
  await initCluster(await ownerRunner(folder), postgresBinDir(), data);
  return { folder, data };
}

async function initCluster(runAsOwner: Runner, bin: string, data: string): Promise<void> {
  await runAsOwner(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync', '--no-instructions']);
}

/** `initdb` on PATH (.ci/run installs Debian's `postgresql`, whose tools live in /usr/lib/postgresql/<n>/bin). */
function postgresBinDir(): string {
  for (const folder of (process.env.PATH ?? '').split(':')) if (folder !== '' && existsSync(join(folder, 'initdb'))) return folder;
  const debian = '/usr/lib/postgresql';
  const versions = existsSync(debian) ? readdirSync(debian).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) if (existsSync(join(debian, version, 'bin', 'initdb'))) return join(debian, version, 'bin');
  throw new Error('PostgreSQL is not installed (no initdb): install Debian `postgresql` (.ci/run does) to run the team suites');
}

type Runner = (path: string, args: string[]) => Promise<unknown>;

/** Runs a PostgreSQL tool as the owner of `folder`: this user, or `postgres` when this is root. */
async function ownerRunner(folder: string): Promise<Runner> {
  const options = { timeout: 60_000 };
  if (process.getuid?.() !== 0) return (path, args) => run(path, args, options);
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
  await chown(folder, uid, gid);
  return (path, args) => run('runuser', ['-u', 'postgres', '--', path, ...args], options);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
