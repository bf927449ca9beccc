import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteConfigValue, renderConfigDocument, saveConfigDocument, setConfigValue } from './config-document';
import { loadConfigFile, parseConfigText } from './load-config';
import { writeFileAtomic } from './write-file-atomic';

const original = `# Top comment: explains the file.

# The port comment.
port: 8317 # trailing comment on port
host: 127.0.0.1

# Unknown to us, must survive.
my-plugin-settings:
  colour: blue
  list: [1, 2, 3]

openai-compatibility:
  # The first provider.
  - name: first
    base-url: https://api.example.com/v1
    api-key-entries:
      - api-key: sk-test-1 # key comment
gemini-api-key:
  - api-key: AIza-test
`;

describe('config-document', () => {
  let folder = '';
  let path = '';
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'cliproxy-document-'));
    path = join(folder, 'config.yaml');
    await writeFileAtomic(path, original);
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  async function loadDocument() {
    const result = await loadConfigFile(path);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    return result;
  }

  it('changes a value while comments, order and unknown keys survive', async () => {
    const { document } = await loadDocument();
    setConfigValue(document, ['port'], 9000);
    setConfigValue(document, ['openai-compatibility', 0, 'api-key-entries', 0, 'api-key'], 'sk-test-2');
    await saveConfigDocument(path, document);

    const expected = original
      .replace('port: 8317 # trailing', 'port: 9000 # trailing')
      .replace('api-key: sk-test-1 # key comment', 'api-key: sk-test-2 # key comment');
    expect(await readFile(path, 'utf8')).toBe(expected);
    const reloaded = await loadDocument();
    expect(reloaded.config.port).toBe(9000);
    expect(reloaded.config.openaiCompatibility[0]?.apiKeyEntries).toEqual([{ apiKey: 'sk-test-2', proxyUrl: '', weight: 1 }]);
    expect(reloaded.document.getIn(['my-plugin-settings', 'list', 2])).toBe(3);
  });

  it('keeps comments and unused per-entry keys of the API-key sections through a save', async () => {
    const fixture = await readFile(join(import.meta.dirname, 'fixtures', 'cpa-api-key-sections.yaml'), 'utf8');
    await writeFileAtomic(path, fixture);
    const { document } = await loadDocument();
    setConfigValue(document, ['claude-api-key', 1, 'cloak', 'mode'], 'never');
    setConfigValue(document, ['codex-api-key', 0, 'priority'], 4);
    await saveConfigDocument(path, document);

    // Only the edited values change, apart from the yaml library's known move of a comment written after
    // a key whose value is a block (see the next test).
    const expected = fixture
      .replace('mode: "auto" # "auto" (default)', 'mode: "never" # "auto" (default)')
      .replace('        action: "stop"\n', '        action: "stop"\n    priority: 4\n')
      .replace('    cloak: # optional', '    cloak:\n      # optional')
      .replace('      sensitive-words: # optional', '      sensitive-words:\n        # optional');
    expect(await readFile(path, 'utf8')).toBe(expected);
    const reloaded = await loadDocument();
    expect(reloaded.warnings).toEqual([]);
    expect(reloaded.config.claudeApiKey[1]?.cloak?.mode).toBe('never');
    expect(reloaded.config.codexApiKey[0]?.priority).toBe(4);
  });

  it('keeps a comment written after a mapping key (the yaml library moves it to the next line)', () => {
    const result = parseConfigText('section: # why this section\n  a: 1\nport: 1\n', { configDir: folder });
    if (!result.ok) throw new Error('must parse');
    setConfigValue(result.document, ['port'], 2);
    expect(renderConfigDocument(result.document)).toBe('section:\n  # why this section\n  a: 1\nport: 2\n');
  });

  it('creates missing parent mappings and appends new keys at the end', async () => {
    const { document } = await loadDocument();
    setConfigValue(document, ['routing', 'strategy'], 'fill-first');
    setConfigValue(document, ['api-keys'], ['sk-a', 'sk-b']);
    await saveConfigDocument(path, document);

    const text = await readFile(path, 'utf8');
    expect(text.startsWith(original)).toBe(true);
    expect(text.slice(original.length)).toBe('routing:\n  strategy: fill-first\napi-keys:\n  - sk-a\n  - sk-b\n');
    const reloaded = await loadDocument();
    expect(reloaded.config.routing.strategy).toBe('fill-first');
    expect(reloaded.config.apiKeys).toEqual(['sk-a', 'sk-b']);
  });

  it('deletes a key and reports whether it existed', () => {
    const result = parseConfigText(original, { configDir: folder });
    if (!result.ok) throw new Error('fixture must parse');
    expect(deleteConfigValue(result.document, ['host'])).toBe(true);
    expect(deleteConfigValue(result.document, ['no-such-key'])).toBe(false);
    expect(renderConfigDocument(result.document)).not.toContain('host:');
  });

  it('saves atomically with mode 0600 and no leftover temp files', async () => {
    const { document } = await loadDocument();
    setConfigValue(document, ['debug'], true);
    await saveConfigDocument(path, document);
    expect(await readdir(folder)).toEqual(['config.yaml']);
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('does not fold long values onto several lines', async () => {
    const { document } = await loadDocument();
    const longKey = `sk-${'x'.repeat(150)} with spaces ${'y'.repeat(50)}`;
    setConfigValue(document, ['api-keys'], [longKey]);
    await saveConfigDocument(path, document);
    expect(await readFile(path, 'utf8')).toContain(`  - ${longKey}\n`);
  });

  it('refuses an empty key path', async () => {
    const { document } = await loadDocument();
    expect(() => setConfigValue(document, [], 1)).toThrow(/non-empty key path/);
  });
});
