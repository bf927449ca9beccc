import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConfigLoadResult, ConfigProblem } from './load-config';
import { formatConfigProblems, loadConfigFile, parseConfigText } from './load-config';

function expectProblems(result: ConfigLoadResult): ConfigProblem[] {
  if (result.ok) throw new Error('expected problems, got a valid config');
  return result.problems;
}

function parse(text: string): ConfigLoadResult {
  return parseConfigText(text, { configDir: resolve('/srv/cliproxy') });
}

describe('parseConfigText: problems', () => {
  it.each([
    ['an unclosed flow list', 'port: 8317\napi-keys: [one, two\nhost: x\n', 3, 1, /Flow sequence .* end with a \]/],
    ['a misaligned key', 'routing:\n  strategy: rr\n bad: 1\n', 3, 1, /must start at the same column/],
    ['a nested mapping on one line', 'port: 8317\nhost: a: b\n', 2, 7, /Nested mappings are not allowed/],
  ])('reports %s with line and column', (_label, text, line, column, message) => {
    const problems = expectProblems(parse(text));
    expect(problems[0]).toEqual({ path: '', message: expect.stringMatching(message), line, column });
  });

  it('rejects a file holding several YAML documents', () => {
    expect(expectProblems(parse('port: 1\n---\nport: 2\n'))).toEqual([
      { path: '', message: 'the file must hold a single YAML document (remove the extra ---)', line: 2, column: 1 },
    ]);
  });

  it('reports duplicate keys as a syntax error', () => {
    const problems = expectProblems(parse('port: 1\nport: 2\n'));
    expect(problems[0]).toMatchObject({ path: '', line: 2, message: expect.stringMatching(/unique/) });
  });

  it('reports a wrong type with key path, expectation and line, without echoing the value', () => {
    const problems = expectProblems(parse('host: 127.0.0.1\nport: "abc"\n'));
    expect(problems).toEqual([{ path: 'port', message: 'expected a number, got text', line: 2, column: 7 }]);
  });

  it('lists every problem together, in file order', () => {
    const text = [
      'port: 70000', // line 1
      'request-retry: -1',
      'proxy-url: "ftp://user:secret@example.com"',
      'openai-compatibility:',
      '  - name: first', // line 5
      '    base-url: https://api.example.com/v1',
      '  - name: second',
      '    base-url: https://other.example.com/v1',
      '    api-key-entries: "sk-not-a-list"', // line 9
      'tls:',
      '  enable: true',
    ].join('\n');
    const problems = expectProblems(parse(text));
    expect(problems).toEqual([
      { path: 'port', message: 'must be <= 65535', line: 1, column: 7 },
      { path: 'request-retry', message: 'must be >= 0', line: 2, column: 16 },
      {
        path: 'proxy-url',
        message: 'expected empty or a URL with scheme http, https, socks5 or socks5h',
        line: 3,
        column: 12,
      },
      { path: 'openai-compatibility[1].api-key-entries', message: 'expected a list, got text', line: 9, column: 22 },
      { path: 'tls.cert', message: 'required when tls.enable is true', line: 11, column: 3 },
      { path: 'tls.key', message: 'required when tls.enable is true', line: 11, column: 3 },
    ]);
    expect(JSON.stringify(problems)).not.toContain('secret');
    expect(JSON.stringify(problems)).not.toContain('sk-not-a-list');
  });

  it('reports wrong types in the API-key sections with key path and line', () => {
    const text = [
      'claude-api-key:',
      '  - api-key: sk-ant-secret-1',
      '    cloak:',
      '      mode: sometimes', // line 4
      '      strict-mode: "yes"',
      '      sensitive-words: API',
      'gemini-api-key:',
      '  - api-key: [a, b]', // line 8
      '    priority: 1.5',
      '    proxy-url: "ftp://user:secret@example.com"',
      '    headers: [X-A]',
      'codex-api-key:',
      '  - base-url: "codex.example.com"', // line 13
      '    models: [{ alias: fast }]',
      '    excluded-models: "gpt-5"',
      'generative-language-api-key: AIza-legacy', // line 16
    ].join('\n');
    expect(expectProblems(parse(text))).toEqual([
      { path: 'claude-api-key[0].cloak.mode', message: 'expected auto, always or never', line: 4, column: 13 },
      {
        path: 'claude-api-key[0].cloak.strict-mode',
        message: 'expected true or false, got text',
        line: 5,
        column: 20,
      },
      { path: 'claude-api-key[0].cloak.sensitive-words', message: 'expected a list, got text', line: 6, column: 24 },
      { path: 'gemini-api-key[0].api-key', message: 'expected text, got a list', line: 8, column: 14 },
      { path: 'gemini-api-key[0].priority', message: 'expected an integer, got 1.5', line: 9, column: 15 },
      {
        path: 'gemini-api-key[0].proxy-url',
        message: 'expected empty, "direct", "none" or a URL with scheme http, https, socks5 or socks5h',
        line: 10,
        column: 16,
      },
      {
        path: 'gemini-api-key[0].headers',
        message: 'expected a mapping (key: value), got a list',
        line: 11,
        column: 14,
      },
      { path: 'codex-api-key[0].base-url', message: 'expected an http:// or https:// URL', line: 13, column: 15 },
      { path: 'codex-api-key[0].models[0].name', message: 'is required (expected text)', line: 14, column: 14 },
      { path: 'codex-api-key[0].excluded-models', message: 'expected a list, got text', line: 15, column: 22 },
      { path: 'generative-language-api-key', message: 'expected a list, got text', line: 16, column: 30 },
    ]);
    expect(JSON.stringify(expectProblems(parse(text)))).not.toMatch(/secret|sometimes|legacy/);
  });

  it('accepts "direct" and "none" as a per-key proxy-url in any case', () => {
    const text = ['claude-api-key:', '  - proxy-url: DIRECT', 'gemini-api-key:', '  - proxy-url: " none "'];
    expect(parse(text.join('\n')).ok).toBe(true);
  });

  it('reports a missing required field at its parent', () => {
    const problems = expectProblems(parse('openai-compatibility:\n  - base-url: https://x.example\n    models:\n      - alias: a\n'));
    expect(problems).toEqual([
      { path: 'openai-compatibility[0].models[0].name', message: 'is required (expected text)', line: 4, column: 9 },
    ]);
  });

  it('rejects a document that is not a mapping', () => {
    expect(expectProblems(parse('- port\n- host\n'))).toEqual([
      { path: '', message: 'expected a mapping (key: value), got a list', line: 1, column: 1 },
    ]);
  });

  it('reports an unreadable file as a problem', async () => {
    const problems = expectProblems(await loadConfigFile(join(tmpdir(), 'no-such-dir-cliproxy', 'config.yaml')));
    expect(problems).toEqual([{ path: '', message: 'cannot read the config file (ENOENT)' }]);
  });
});

describe('formatConfigProblems', () => {
  it('prints one line per problem as file:line:col: path: message', () => {
    const output = formatConfigProblems(
      [
        { path: '', message: 'Map keys must be unique', line: 2, column: 1 },
        { path: 'port', message: 'expected a number, got text', line: 3, column: 7 },
        { path: '', message: 'cannot read the config file (EACCES)' },
      ],
      'config.yaml',
    );
    expect(output.split('\n')).toEqual([
      'config.yaml:2:1: Map keys must be unique',
      'config.yaml:3:7: port: expected a number, got text',
      'config.yaml: cannot read the config file (EACCES)',
    ]);
  });
});
