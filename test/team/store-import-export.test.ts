import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli } from '../../src-proxy/cli';
import { managementCall, startTeamEngines, useTeamStoreKey } from './start-team-engines';
import { startTestPostgres, type TestPostgres } from './start-test-postgres';

/** Issue 18: a CLIProxyAPI auth-dir into the team store and back out, byte for byte (the fixtures of docs/providers.md#auth-files). */
const fixtures = join(import.meta.dirname, '..', '..', 'src-proxy', 'auth-store', 'fixtures');

describe('cliproxy store import|export', () => {
  let server: TestPostgres;
  let folder: string;
  beforeAll(async () => {
    useTeamStoreKey();
    server = await startTestPostgres();
    folder = await mkdtemp(join(tmpdir(), 'cliproxy-store-cli-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
    await server.stop();
  });

  it('imports every auth file of an auth-dir, an engine lists them all, and exports them back byte for byte', async () => {
    const authDir = join(folder, 'auths');
    await cp(fixtures, authDir, { recursive: true });
    const configPath = join(folder, 'config.yaml');
    await writeFile(configPath, stringify({ 'auth-dir': authDir, store: { type: 'postgres', dsn: server.dsn, schema: 'team_transfer' } }), { mode: 0o600 });
    const jsonFiles = (await readdir(authDir)).filter((name) => name.endsWith('.json')).sort();

    expect(await runCli(['store', 'import', '--config', configPath])).toBe(0);
    const exported = join(folder, 'exported');
    expect(await runCli(['store', 'export', '--config', configPath, '--dir', exported])).toBe(0);
    expect((await readdir(exported)).sort()).toEqual(jsonFiles);
    for (const name of jsonFiles) expect(await readFile(join(exported, name), 'utf8')).toBe(await readFile(join(authDir, name), 'utf8'));

    const [engine] = await startTeamEngines(server.dsn, 'team_transfer', 1);
    try {
      const listed = ((await managementCall(engine!, '/auth-files')).body as { files: Array<{ name: string }> }).files.map((file) => file.name).sort();
      expect(listed).toEqual(jsonFiles);
    } finally {
      await engine?.close();
    }
  });

  it('refuses a config without the team store, and an unknown direction', async () => {
    const configPath = join(folder, 'files-config.yaml');
    await writeFile(configPath, stringify({ 'auth-dir': join(folder, 'auths') }), { mode: 0o600 });
    expect(await runCli(['store', 'import', '--config', configPath])).toBe(1);
    expect(await runCli(['store', 'sideways', '--config', configPath])).toBe(1);
  });
});
