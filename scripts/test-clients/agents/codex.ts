/**
 * Codex CLI (`@openai/codex`), OpenAI Responses: `codex exec --json` with a config.toml in a temp
 * CODEX_HOME whose only provider is the engine (`base_url = <engine>/v1`, `wire_api = "responses"`).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { lastLines } from '../install-agents';
import type { AgentDriver, AgentOutcome } from './agent-types';

const KEY_ENV = 'CLIPROXY_TEST_KEY';

export const codex: AgentDriver = {
  id: 'codex',
  label: 'Codex CLI',
  pkg: '@openai/codex',
  // engines.node >=16; the CLI is a native (musl) binary shipped as an optional dependency.
  defaultVersion: '0.171.0',
  bin: 'codex',
  wire: 'responses',
  async prepare(context) {
    const codexHome = join(context.home, '.codex');
    await mkdir(codexHome, { recursive: true });
    await writeFile(join(codexHome, 'config.toml'), codexConfig(context.origin, context.model));
    const env: Record<string, string> = { ...context.env, CODEX_HOME: codexHome, [KEY_ENV]: context.clientKey };
    const args = [
      'exec',
      '--json',
      // Unknown keys in our config.toml are an error, so a renamed setting cannot silently re-enable traffic.
      '--strict-config',
      '--skip-git-repo-check',
      '--ephemeral',
      '--sandbox',
      'read-only',
      '--color',
      'never',
      '-C',
      context.workDir,
      '-o',
      join(context.scratch, 'codex-last-message.txt'),
      context.prompt,
    ];
    return { command: context.binPath, args, env, cwd: context.workDir };
  },
  async interpret(result, context) {
    const outcome: AgentOutcome = { finalText: '', error: undefined, hitTurnLimit: false };
    const events = result.stdout
      .split('\n')
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as Record<string, unknown>];
        } catch {
          return [];
        }
      });
    const messages: string[] = [];
    let lastError: string | undefined;
    let failed: string | undefined;
    let completed = false;
    for (const event of events) {
      const item = event.item as Record<string, unknown> | undefined;
      if (event.type === 'item.completed' && item?.type === 'agent_message' && typeof item.text === 'string') messages.push(item.text);
      if (event.type === 'error' && typeof event.message === 'string') lastError = event.message;
      if (event.type === 'turn.failed') failed = String((event.error as Record<string, unknown> | undefined)?.message ?? lastError ?? 'turn failed');
      if (event.type === 'turn.completed') completed = true;
    }
    const lastMessage = await readFile(join(context.scratch, 'codex-last-message.txt'), 'utf8').catch(() => '');
    outcome.finalText = lastMessage.trim() || messages.join('\n');
    if (failed) outcome.error = failed;
    else if (!completed && events.length === 0) outcome.error = `no JSON events on stdout: ${lastLines(result.stderr || result.stdout, 6) || '(no output)'}`;
    else if (!completed && lastError) outcome.error = lastError;
    return outcome;
  },
};

/** The whole config: the engine as the only provider, no retries, no telemetry or update checks. */
export function codexConfig(origin: string, model: string): string {
  return [
    `model = ${JSON.stringify(model)}`,
    'model_provider = "cliproxy"',
    // Most restrictive: commands run in a read-only sandbox and escalations are refused, never asked.
    'approval_policy = "never"',
    'sandbox_mode = "read-only"',
    'check_for_update_on_startup = false',
    'web_search = "disabled"',
    '',
    '[analytics]',
    'enabled = false',
    '',
    '[feedback]',
    'enabled = false',
    '',
    '[otel]',
    'exporter = "none"',
    '',
    '[model_providers.cliproxy]',
    'name = "CLI Proxy Desktop test engine"',
    `base_url = ${JSON.stringify(`${origin}/v1`)}`,
    `env_key = "${KEY_ENV}"`,
    'wire_api = "responses"',
    'request_max_retries = 0',
    'stream_max_retries = 0',
    'stream_idle_timeout_ms = 60000',
    '',
  ].join('\n');
}
