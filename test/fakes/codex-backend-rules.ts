/**
 * What the ChatGPT Codex backend (chatgpt.com/backend-api/codex/responses) refuses, as a strict fake
 * upstream answers it: HTTP 400 `{"detail": "..."}` (the backend's error shape), or 401 without a Bearer
 * token. The rules are the ones the backend is known to enforce and CLIProxyAPI's Codex executor works
 * around: `stream` must be true, `store` must be false, `instructions` present, `input` a list without
 * `system` roles, and none of the sampling, limit and state fields it does not support.
 */
import { isRecord } from './fake-openai-bodies';

/** Fields the backend answers with "Unsupported parameter: <name>". */
export const codexUnsupportedParameters = [
  'max_output_tokens',
  'max_completion_tokens',
  'temperature',
  'top_p',
  'truncation',
  'user',
  'previous_response_id',
  'prompt_cache_retention',
  'safety_identifier',
  'stream_options',
] as const;

export interface CodexRefusal {
  status: number;
  body: { detail: string };
}

/**
 * The backend's answer to a request it refuses, or undefined when it would serve it. A compaction
 * (`/responses/compact`) is answered with JSON: it takes no `stream` at all, but needs instructions and a list input.
 */
export function refuseLikeCodexBackend(body: unknown, headers: Record<string, string>, route: 'responses' | 'compact' = 'responses'): CodexRefusal | undefined {
  if (!/^Bearer \S+/.test(headers.authorization ?? '')) return { status: 401, body: { detail: 'Unauthorized' } };
  const detail = route === 'compact' ? compactProblem(body) : bodyProblem(body);
  return detail === undefined ? undefined : { status: 400, body: { detail } };
}

function compactProblem(body: unknown): string | undefined {
  if (!isRecord(body)) return 'Invalid JSON body';
  if (body.stream !== undefined) return 'Unsupported parameter: stream';
  if (typeof body.instructions !== 'string') return 'Instructions are required';
  if (!Array.isArray(body.input)) return 'Input must be a list';
  return undefined;
}

function bodyProblem(body: unknown): string | undefined {
  if (!isRecord(body)) return 'Invalid JSON body';
  for (const name of codexUnsupportedParameters) if (body[name] !== undefined) return `Unsupported parameter: ${name}`;
  if (body.service_tier !== undefined && body.service_tier !== 'priority') return 'Unsupported parameter: service_tier';
  if (body.stream !== true) return 'Stream must be set to true';
  if (body.store !== false) return 'Store must be set to false';
  if (typeof body.instructions !== 'string') return 'Instructions are required';
  if (!Array.isArray(body.input)) return 'Input must be a list';
  if (body.input.some((item) => isRecord(item) && item.role === 'system')) return 'System messages are not allowed';
  return undefined;
}
