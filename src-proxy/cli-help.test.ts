import { afterEach, describe, expect, it, vi } from 'vitest';
import { spawnCliproxy } from '../test/integration/spawn-cliproxy';
import { runCli } from './cli';

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  const code = await runCli(argv);
  vi.restoreAllMocks();
  return { code, stdout, stderr };
}

afterEach(() => vi.restoreAllMocks());

describe('cliproxy help', () => {
  it.each([['--help'], ['-h'], ['help']])("regression: `cliproxy %s` said \"Unknown command '--help'\": it prints the whole usage, exit 0", async (flag) => {
    const answer = await run([flag]);
    expect(answer).toMatchObject({ code: 0, stderr: '' });
    for (const command of ['serve', 'tunnel', 'validate', 'login claude', 'login codex', 'login qwen', 'login iflow', 'login gemini', 'login kimi', 'login xai', 'login antigravity']) expect(answer.stdout).toContain(`cliproxy ${command}`);
    expect(answer.stdout).toContain('Default config:');
  });

  it.each([
    [['serve', '--help'], 'cliproxy serve', ['cliproxy login', 'cliproxy tunnel']],
    [['tunnel', '-h'], 'a public URL for Cursor', ['cliproxy serve', 'cliproxy login']],
    [['validate', '--help'], 'cliproxy validate', ['cliproxy serve']],
    [['help', 'serve'], 'cliproxy serve', ['cliproxy validate']],
    [['login', '--help'], 'cliproxy login gemini', ['cliproxy serve']],
    [['login', 'codex', '--help'], '--device', ['cliproxy login claude', 'cliproxy serve']],
  ])('each subcommand has its own help: %j', async (argv, shown, hidden) => {
    const answer = await run(argv);
    expect(answer.code).toBe(0);
    expect(answer.stdout).toContain(shown);
    for (const other of hidden) expect(answer.stdout).not.toContain(other);
  });

  it('an unknown command still fails, with the usage', async () => {
    expect(await run(['frobnicate'])).toMatchObject({ code: 1, stderr: expect.stringContaining("Unknown command 'frobnicate'") });
    expect((await run(['frobnicate'])).stderr).toContain('cliproxy serve');
  });

  it('the real bin prints the usage for --help and exits 0', async () => {
    const cli = spawnCliproxy(['--help']);
    expect(await cli.exited).toBe(0);
    expect(cli.output().stdout).toContain('cliproxy serve');
    expect(cli.output().stderr).toBe('');
  }, 30_000);
});
