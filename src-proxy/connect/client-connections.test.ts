import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientConnections } from './client-connections';

const target = { origin: 'http://127.0.0.1:8317', apiKey: 'sk-cliproxy-0123456789abcdef' };

const claudeSettings = `{
  // my hooks stay
  "permissions": { "allow": ["Bash(ls:*)"] },
  "env": {
    "ANTHROPIC_API_KEY": "sk-ant-mine",
    "DISABLE_TELEMETRY": "1"
  },
  "model": "opus",
}
`;

const codexConfig = `# Codex settings
model = "gpt-5.5"
model_provider = "openai"
approval_policy = "on-request"

[mcp_servers.docs]
command = "docs-mcp" # keep

[model_providers.other]
name = "Other"
base_url = "https://other.example/v1"
`;

const folders: string[] = [];
afterEach(async () => {
  while (folders.length) await rm(folders.pop() ?? '', { recursive: true, force: true });
});

async function setup() {
  const home = await mkdtemp(join(tmpdir(), 'connect-home-'));
  folders.push(home);
  const connections = new ClientConnections({ home, env: {}, ledgerPath: join(home, 'app', 'client-connections.json'), target: () => target, now: () => 1_000 });
  return { home, connections, claudePath: join(home, '.claude', 'settings.json'), codexPath: join(home, '.codex', 'config.toml') };
}

describe('ClientConnections: Claude Code', () => {
  it('connect sets only the env keys it owns; disconnect restores the file byte for byte', async () => {
    const { connections, claudePath } = await setup();
    await mkdir(join(claudePath, '..'), { recursive: true });
    await writeFile(claudePath, claudeSettings, { mode: 0o644 });

    const preview = await connections.preview('claude-code');
    expect(preview.diff.filter((line) => line.kind !== 'same').map((line) => `${line.kind} ${line.text.trim()}`)).toEqual([
      'removed "ANTHROPIC_API_KEY": "…",',
      'removed "DISABLE_TELEMETRY": "1"',
      'added "DISABLE_TELEMETRY": "1",',
      'added "ANTHROPIC_BASE_URL": "http://127.0.0.1:8317",',
      'added "ANTHROPIC_AUTH_TOKEN": "sk-clipr…cdef"',
    ]);
    expect(JSON.stringify(preview)).not.toContain(target.apiKey);
    expect(JSON.stringify(preview)).not.toContain('sk-ant-mine');
    expect(await readFile(claudePath, 'utf8')).toBe(claudeSettings);

    expect(await connections.connect('claude-code')).toMatchObject({ state: 'connected', canDisconnect: true, connectedAt: 1_000 });
    const connected = await readFile(claudePath, 'utf8');
    expect(connected).toContain('// my hooks stay');
    expect(connected).toContain('"permissions": { "allow": ["Bash(ls:*)"] }');
    expect(connected).toContain('"ANTHROPIC_AUTH_TOKEN": "sk-cliproxy-0123456789abcdef"');
    expect(connected).not.toContain('sk-ant-mine');
    expect((await stat(claudePath)).mode & 0o777).toBe(0o644);

    expect(await connections.disconnect('claude-code')).toMatchObject({ state: 'not-connected', canDisconnect: false });
    expect(await readFile(claudePath, 'utf8')).toBe(claudeSettings);
  });

  it('after the user edits the file, disconnect restores only the owned keys and keeps their edit', async () => {
    const { connections, claudePath } = await setup();
    await mkdir(join(claudePath, '..'), { recursive: true });
    await writeFile(claudePath, claudeSettings);
    await connections.connect('claude-code');
    const edited = (await readFile(claudePath, 'utf8')).replace('"model": "opus"', '"model": "sonnet"');
    await writeFile(claudePath, edited);

    await connections.disconnect('claude-code');
    const restored = await readFile(claudePath, 'utf8');
    expect(restored).toContain('"model": "sonnet"');
    expect(restored).toContain('"ANTHROPIC_API_KEY": "sk-ant-mine"');
    expect(restored).not.toContain('ANTHROPIC_BASE_URL');
    expect(restored).not.toContain('ANTHROPIC_AUTH_TOKEN');
  });

  it('creates a missing settings file on connect and deletes it again on disconnect', async () => {
    const { connections, claudePath } = await setup();
    expect(await connections.list()).toEqual([
      expect.objectContaining({ id: 'claude-code', state: 'not-connected', fileExists: false }),
      expect.objectContaining({ id: 'codex', state: 'not-connected', fileExists: false }),
    ]);
    await connections.connect('claude-code');
    expect(JSON.parse(await readFile(claudePath, 'utf8'))).toEqual({ env: { ANTHROPIC_BASE_URL: target.origin, ANTHROPIC_AUTH_TOKEN: target.apiKey } });
    expect((await stat(claudePath)).mode & 0o777).toBe(0o600);
    await connections.disconnect('claude-code');
    await expect(stat(claudePath)).rejects.toThrow();
    await expect(connections.disconnect('claude-code')).rejects.toThrow('nothing to undo');
  });
});

describe('ClientConnections: Codex CLI', () => {
  it('connect owns model_provider and one provider table; disconnect restores the file byte for byte', async () => {
    const { connections, codexPath } = await setup();
    await mkdir(join(codexPath, '..'), { recursive: true });
    await writeFile(codexPath, codexConfig);
    await connections.connect('codex');
    expect(await readFile(codexPath, 'utf8')).toBe(`# Codex settings
model = "gpt-5.5"
model_provider = "cliproxy"
approval_policy = "on-request"

[mcp_servers.docs]
command = "docs-mcp" # keep

[model_providers.other]
name = "Other"
base_url = "https://other.example/v1"

[model_providers.cliproxy]
name = "CLI Proxy Desktop"
base_url = "http://127.0.0.1:8317/v1"
wire_api = "responses"
experimental_bearer_token = "sk-cliproxy-0123456789abcdef"
`);
    expect((await connections.list())[1]).toMatchObject({ id: 'codex', state: 'connected' });
    await connections.disconnect('codex');
    expect(await readFile(codexPath, 'utf8')).toBe(codexConfig);
  });

  it('key-level restore after a user edit keeps the edit and brings back the previous provider', async () => {
    const { connections, codexPath } = await setup();
    await mkdir(join(codexPath, '..'), { recursive: true });
    await writeFile(codexPath, codexConfig);
    await connections.connect('codex');
    await writeFile(codexPath, (await readFile(codexPath, 'utf8')).replace('approval_policy = "on-request"', 'approval_policy = "never"'));
    await connections.disconnect('codex');
    expect(await readFile(codexPath, 'utf8')).toBe(codexConfig.replace('approval_policy = "on-request"', 'approval_policy = "never"'));
  });

  it('reconnecting a file with an older cliproxy table replaces that table instead of adding a second one', async () => {
    const { connections, codexPath } = await setup();
    await mkdir(join(codexPath, '..'), { recursive: true });
    await writeFile(codexPath, 'model_provider = "cliproxy"\n\n[model_providers.cliproxy]\nname = "old"\nbase_url = "http://127.0.0.1:9999/v1"\n');
    expect(await connections.list()).toContainEqual(expect.objectContaining({ id: 'codex', state: 'not-connected' }));
    await connections.connect('codex');
    const text = await readFile(codexPath, 'utf8');
    expect(text.match(/\[model_providers\.cliproxy\]/g)).toHaveLength(1);
    expect(text).toContain('base_url = "http://127.0.0.1:8317/v1"');
    await connections.disconnect('codex');
    expect(await readFile(codexPath, 'utf8')).toBe('model_provider = "cliproxy"\n\n[model_providers.cliproxy]\nname = "old"\nbase_url = "http://127.0.0.1:9999/v1"\n');
  });
});
