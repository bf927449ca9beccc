/**
 * Claude Code (`@anthropic-ai/claude-code`), Anthropic Messages: `claude -p ... --output-format json`
 * with ANTHROPIC_BASE_URL at the engine and every model slot set to the alias.
 */
import { lastLines } from '../install-agents';
import type { AgentDriver, AgentOutcome } from './agent-types';

export const claudeCode: AgentDriver = {
  id: 'claude-code',
  label: 'Claude Code',
  pkg: '@anthropic-ai/claude-code',
  // 2.1.198 and later declare engines.node >=22; 2.1.197 is the newest that accepts Node 20.
  defaultVersion: '2.1.197',
  bin: 'claude',
  wire: 'anthropic',
  async prepare(context) {
    const env: Record<string, string> = {
      ...context.env,
      ANTHROPIC_BASE_URL: context.origin,
      ...(context.claudeAuth === 'auth-token' ? { ANTHROPIC_AUTH_TOKEN: context.clientKey } : { ANTHROPIC_API_KEY: context.clientKey }),
      // Every model slot on the alias, so background calls (haiku, subagents) reach the same upstream.
      ANTHROPIC_MODEL: context.model,
      ANTHROPIC_SMALL_FAST_MODEL: context.model,
      ANTHROPIC_DEFAULT_HAIKU_MODEL: context.model,
      ANTHROPIC_DEFAULT_SONNET_MODEL: context.model,
      ANTHROPIC_DEFAULT_OPUS_MODEL: context.model,
      CLAUDE_CODE_SUBAGENT_MODEL: context.model,
      // No telemetry, error reporting, update checks or other traffic to Anthropic.
      DISABLE_TELEMETRY: '1',
      DISABLE_ERROR_REPORTING: '1',
      DISABLE_AUTOUPDATER: '1',
      DISABLE_BUG_COMMAND: '1',
      DISABLE_INSTALLATION_CHECKS: '1',
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
      CLAUDE_CODE_DISABLE_FEEDBACK_SURVEY: '1',
      CLAUDE_CODE_DISABLE_OFFICIAL_MARKETPLACE_AUTOINSTALL: '1',
      CLAUDE_CODE_ENABLE_TELEMETRY: '0',
      CLAUDE_CODE_IDE_SKIP_AUTO_INSTALL: '1',
      // Fail fast instead of backing off for minutes when the proxy answers an error.
      CLAUDE_CODE_MAX_RETRIES: '1',
      API_TIMEOUT_MS: '60000',
    };
    const args = [
      '-p',
      context.prompt,
      '--output-format',
      'json',
      '--model',
      context.model,
      // Nothing that needs a permission runs (print mode cannot ask): only read-only tools work.
      '--permission-mode',
      'dontAsk',
      '--max-turns',
      String(context.maxTurns),
      '--no-session-persistence',
      '--strict-mcp-config',
    ];
    return { command: context.binPath, args, env, cwd: context.workDir };
  },
  async interpret(result) {
    const outcome: AgentOutcome = { finalText: '', error: undefined, hitTurnLimit: false };
    const final = lastJsonLine(result.stdout, (value) => value.type === 'result');
    if (!final) {
      outcome.error = `no JSON result on stdout: ${lastLines(result.stderr || result.stdout, 6) || '(no output)'}`;
      return outcome;
    }
    outcome.finalText = typeof final.result === 'string' ? final.result : '';
    outcome.hitTurnLimit = final.subtype === 'error_max_turns';
    if (final.is_error === true || (typeof final.subtype === 'string' && final.subtype !== 'success' && !outcome.hitTurnLimit)) {
      const errors = Array.isArray(final.errors) ? final.errors.map(String).join('; ') : '';
      outcome.error = [String(final.subtype ?? 'error'), outcome.finalText, errors].filter(Boolean).join(': ');
    }
    return outcome;
  },
};

export function lastJsonLine(text: string, accept: (value: Record<string, unknown>) => boolean): Record<string, unknown> | undefined {
  const lines = text.split('\n').map((line) => line.trim()).filter(Boolean);
  for (let index = lines.length - 1; index >= 0; index -= 1) {
    try {
      const value = JSON.parse(lines[index] ?? '') as unknown;
      if (typeof value === 'object' && value !== null && !Array.isArray(value) && accept(value as Record<string, unknown>)) return value as Record<string, unknown>;
    } catch {
      // Not a JSON line.
    }
  }
  // Whole stdout as one (pretty-printed) JSON document.
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && accept(value as Record<string, unknown>)) return value as Record<string, unknown>;
  } catch {
    // Not JSON.
  }
  return undefined;
}
