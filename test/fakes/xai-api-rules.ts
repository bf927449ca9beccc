/**
 * What xAI's Responses API refuses, for the strict fake upstreams of the xAI tests (a `refuse` of
 * fake-responses-upstream.ts): a missing or unknown Bearer token (401; the Grok CLI chat proxy answers 403
 * `bad-credentials`, as CPA reports it does), on the chat proxy a request without the CLI's identity headers (403), and bodies with fields xAI's Responses API does not take
 * (400). Errors have xAI's flat shape `{"code", "error"}`.
 */
import { isRecord } from './fake-openai-bodies';

export interface XaiRefusal {
  status: number;
  body: { code: string; error: string };
}

/** Fields xAI answers 400 for (`stop` is Chat Completions only; the state fields need a stored response xAI does not keep for these clients). */
export const xaiRefusedFields = ['previous_response_id', 'prompt_cache_retention', 'safety_identifier', 'stream_options', 'stop'] as const;

/** Tool types xAI's Responses API does not define. */
const refusedToolTypes = new Set(['custom', 'tool_search', 'image_generation', 'namespace']);

/** Models without reasoning levels: `reasoning.effort` is refused for them. */
const modelsWithoutEffort = new Set(['grok-build-0.1', 'grok-4.20-0309-reasoning', 'grok-4.20-0309-non-reasoning', 'grok-composer-2.5-fast']);

export const grokCliIdentity: Readonly<Record<string, string>> = {
  'x-xai-token-auth': 'xai-grok-cli',
  'x-grok-client-identifier': 'grok-shell',
  'x-authenticateresponse': 'authenticate-response',
};

export interface XaiRuleOptions {
  isValidToken(token: string): boolean;
  /** The Grok CLI chat proxy: the CLI identity headers and a `xai-grok-workspace/` user agent are required. */
  chatProxy?: boolean;
}

export function xaiRefusal(options: XaiRuleOptions): (request: { body: unknown; headers: Record<string, string> }) => XaiRefusal | undefined {
  return ({ body, headers }) => {
    const token = /^Bearer (\S+)$/.exec(headers.authorization ?? '')?.[1];
    if (!token || !options.isValidToken(token)) {
      return options.chatProxy ? refusal(403, 'bad-credentials', 'The access token could not be validated.') : refusal(401, 'unauthenticated', 'Incorrect API key or token provided.');
    }
    if (options.chatProxy && !hasCliIdentity(headers)) return refusal(403, 'permission-denied', 'This endpoint only serves the Grok CLI.');
    const problem = bodyProblem(body);
    return problem ? refusal(400, 'invalid-argument', problem) : undefined;
  };
}

function hasCliIdentity(headers: Record<string, string>): boolean {
  return Object.entries(grokCliIdentity).every(([name, value]) => headers[name] === value) && (headers['user-agent'] ?? '').startsWith('xai-grok-workspace/') && Boolean(headers['x-grok-client-version']);
}

function bodyProblem(body: unknown): string | undefined {
  if (!isRecord(body)) return 'Invalid JSON body';
  for (const field of xaiRefusedFields) if (body[field] !== undefined) return `Argument not supported: ${field}`;
  const tools = Array.isArray(body.tools) ? body.tools : [];
  const refusedTool = tools.find((tool) => isRecord(tool) && typeof tool.type === 'string' && refusedToolTypes.has(tool.type));
  if (refusedTool) return `Unsupported tool type: ${String((refusedTool as Record<string, unknown>).type)}`;
  if (body.tool_choice !== undefined && tools.length === 0) return 'tool_choice requires tools';
  const reasoning = body.reasoning;
  if (isRecord(reasoning) && reasoning.effort !== undefined && modelsWithoutEffort.has(String(body.model))) return `Model ${String(body.model)} does not support reasoning.effort`;
  return undefined;
}

function refusal(status: number, code: string, error: string): XaiRefusal {
  return { status, body: { code, error } };
}
