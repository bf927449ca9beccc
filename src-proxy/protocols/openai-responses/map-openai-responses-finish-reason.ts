import type { CanonicalFinish } from '../../canonical/index';
import type { ResponsesIncompleteReason } from './openai-responses-types';

/**
 * Responses has no finish reason: it has a response `status` plus `incomplete_details.reason`
 * (platform.openai.com/docs/api-reference/responses/object). Tool calls are seen as output items.
 */
export interface ResponsesTerminalState {
  /** `response.status`: completed | incomplete | failed | cancelled | in_progress | queued. */
  status: string | undefined;
  /** `response.incomplete_details.reason`: max_output_tokens | content_filter (others kept as raw). */
  incompleteReason?: string | undefined;
  /** Whether the output holds a function_call item. */
  hasToolCalls: boolean;
}

/**
 * Upstream -> canonical (docs/protocols.md#finish-reasons, Responses column):
 * | status     | incomplete reason            | canonical                          |
 * | completed  | -                            | tool-calls if a call was seen, else stop |
 * | (missing)  | -                            | as completed (bodies without status)     |
 * | incomplete | max_output_tokens/max_tokens | length                             |
 * | incomplete | content_filter               | content-filter                     |
 * | incomplete | anything else                | other                              |
 * | failed     | -                            | error                              |
 * | cancelled, in_progress, queued, other | - | other                              |
 */
export function mapOpenAIResponsesFinishReason(state: ResponsesTerminalState): CanonicalFinish {
  const status = state.status ?? 'completed';
  switch (status) {
    case 'completed':
      return { reason: state.hasToolCalls ? 'tool-calls' : 'stop', raw: 'completed' };
    case 'incomplete': {
      const raw = state.incompleteReason ?? 'incomplete';
      if (raw === 'max_output_tokens' || raw === 'max_tokens') return { reason: 'length', raw };
      if (raw === 'content_filter') return { reason: 'content-filter', raw };
      return { reason: 'other', raw };
    }
    case 'failed':
      return { reason: 'error', raw: 'failed' };
    default:
      return { reason: 'other', raw: status };
  }
}

export interface ResponsesTerminal {
  status: 'completed' | 'incomplete' | 'failed';
  incompleteReason?: ResponsesIncompleteReason;
}

/**
 * Canonical -> client:
 * | canonical      | status     | incomplete_details.reason |
 * | stop           | completed  | -                         |
 * | tool-calls     | completed  | -                         |
 * | length         | incomplete | max_output_tokens         |
 * | content-filter | incomplete | content_filter            |
 * | error          | failed     | - (response.error is set) |
 * | other          | completed  | -                         |
 */
export function mapFinishReasonToOpenAIResponses(finish: CanonicalFinish): ResponsesTerminal {
  switch (finish.reason) {
    case 'stop':
    case 'tool-calls':
    case 'other':
      return { status: 'completed' };
    case 'length':
      return { status: 'incomplete', incompleteReason: 'max_output_tokens' };
    case 'content-filter':
      return { status: 'incomplete', incompleteReason: 'content_filter' };
    case 'error':
      return { status: 'failed' };
    default: {
      const unknownReason: never = finish.reason;
      throw new Error(`unknown finish reason ${String(unknownReason)}`);
    }
  }
}
