import type { RunResult } from '../process-runner';
import type { ClientWire } from '../wire-inspect';

export type CaseName = 'plain' | 'tool';

/** Everything one agent run needs; folders are fresh and empty for every run. */
export interface AgentRunContext {
  /** Engine origin, e.g. http://127.0.0.1:40123 (no /v1). */
  origin: string;
  clientKey: string;
  /** The model alias that selects the upstream (via-openai, ...). */
  model: string;
  caseName: CaseName;
  prompt: string;
  /** HOME of the agent for this run (its config folders live here). */
  home: string;
  /** The agent's empty working directory. */
  workDir: string;
  /** Scratch folder for files the harness reads back (last message...). */
  scratch: string;
  binPath: string;
  /** Minimal environment (PATH, HOME, locale, no proxies) to extend. */
  env: Record<string, string>;
  /** Turns the agent may take before it stops by itself (tool loops). */
  maxTurns: number;
  /** Claude Code: send the key as ANTHROPIC_API_KEY (x-api-key) or ANTHROPIC_AUTH_TOKEN (Bearer). */
  claudeAuth: 'api-key' | 'auth-token';
}

export interface AgentInvocation {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
}

/** What the agent itself reported, read from its output. */
export interface AgentOutcome {
  /** The final answer text the agent printed. */
  finalText: string;
  /** The agent's own error message, when it reported one. */
  error: string | undefined;
  /** The agent stopped because of its own turn limit (tool loops against the fakes). */
  hitTurnLimit: boolean;
}

export interface AgentDriver {
  id: string;
  label: string;
  pkg: string;
  /** Pinned default; see README for why. Override with --<id>-version. */
  defaultVersion: string;
  bin: string;
  /** The wire this agent speaks to the proxy. */
  wire: ClientWire;
  prepare(context: AgentRunContext): Promise<AgentInvocation>;
  interpret(result: RunResult, context: AgentRunContext): Promise<AgentOutcome>;
}
