/**
 * Gemini CLI (`@google/gemini-cli`), Gemini API: `gemini -p ... --output-format json` with
 * GEMINI_API_KEY and GOOGLE_GEMINI_BASE_URL at the engine (the CLI's content generator passes it to the
 * bundled @google/genai as `httpOptions.baseUrl`), auth type and settings in a temp HOME.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { lastLines } from '../install-agents';
import { lastJsonLine } from './claude-code';
import type { AgentDriver, AgentOutcome } from './agent-types';

export const geminiCli: AgentDriver = {
  id: 'gemini-cli',
  label: 'Gemini CLI',
  pkg: '@google/gemini-cli',
  // engines.node >=20.
  defaultVersion: '0.61.0',
  bin: 'gemini',
  wire: 'gemini',
  async prepare(context) {
    const settingsDir = join(context.home, '.gemini');
    await mkdir(settingsDir, { recursive: true });
    await writeFile(join(settingsDir, 'settings.json'), `${JSON.stringify(geminiSettings(context.maxTurns), null, 2)}\n`);
    const env: Record<string, string> = {
      ...context.env,
      GEMINI_API_KEY: context.clientKey,
      GOOGLE_GEMINI_BASE_URL: context.origin,
      GEMINI_MODEL: context.model,
      GEMINI_CLI_NO_RELAUNCH: 'true',
    };
    const args = ['-p', context.prompt, '-m', context.model, '--output-format', 'json', '--approval-mode', 'plan'];
    return { command: context.binPath, args, env, cwd: context.workDir };
  },
  async interpret(result) {
    const outcome: AgentOutcome = { finalText: '', error: undefined, hitTurnLimit: false };
    const final = lastJsonLine(result.stdout, (value) => 'response' in value || 'error' in value || 'session_id' in value);
    const stderrError = /Reached max session turns|maximum session turns/i.test(result.stderr);
    if (!final) {
      outcome.hitTurnLimit = stderrError;
      outcome.error = `no JSON result on stdout: ${lastLines(result.stderr || result.stdout, 6) || '(no output)'}`;
      return outcome;
    }
    outcome.finalText = typeof final.response === 'string' ? final.response : '';
    const error = final.error as Record<string, unknown> | undefined;
    if (error) outcome.error = [error.type, error.code, error.message].filter((part) => part !== undefined && part !== null).map(String).join(': ');
    outcome.hitTurnLimit = stderrError || /max session turns/i.test(outcome.error ?? '');
    if (outcome.hitTurnLimit) outcome.error = undefined;
    else if (!outcome.error && result.exitCode !== 0) outcome.error = `exit ${String(result.exitCode)}: ${lastLines(result.stderr, 4)}`;
    return outcome;
  },
};

/** No telemetry, usage statistics, update checks, IDE or sandbox; one attempt per request; turn limit. */
export function geminiSettings(maxTurns: number): Record<string, unknown> {
  return {
    general: {
      enableAutoUpdate: false,
      enableAutoUpdateNotification: false,
      checkpointing: { enabled: false },
      maxAttempts: 1,
      retryFetchErrors: false,
      defaultApprovalMode: 'plan',
    },
    privacy: { usageStatisticsEnabled: false },
    telemetry: { enabled: false, logPrompts: false },
    model: { maxSessionTurns: maxTurns },
    ide: { enabled: false },
    tools: { sandbox: false },
    // Without a selected type, GOOGLE_GEMINI_BASE_URL makes the CLI pick its "gateway" auth type, which
    // 0.61.0's own headless check then rejects ("Invalid auth method selected.", exit 41). With
    // "gemini-api-key" it uses GEMINI_API_KEY and still takes the base URL from GOOGLE_GEMINI_BASE_URL.
    security: { auth: { selectedType: 'gemini-api-key' }, folderTrust: { enabled: false } },
    experimental: { extensionRegistry: false },
  };
}
