import type { RequestSummary } from '../../src-shared/control/usage-types';
import type { StatusTone } from './status-tone';

const protocolNames: Record<string, string> = {
  'openai-chat': 'OpenAI Chat',
  'openai-responses': 'OpenAI Responses',
  'openai-completions': 'OpenAI Completions',
  'anthropic-messages': 'Anthropic',
  gemini: 'Gemini',
};

/** The client side of a request: 'OpenAI Chat', or the route when the protocol is unknown. */
export function clientOf(request: RequestSummary): string {
  if (request.clientProtocol === null) return request.route;
  return protocolNames[request.clientProtocol] ?? request.clientProtocol;
}

export type StatusClass = '2xx' | '3xx' | '4xx' | '5xx';

export function statusClassOf(status: number): StatusClass {
  if (status >= 500 || status < 200) return '5xx';
  if (status >= 400) return '4xx';
  if (status >= 300) return '3xx';
  return '2xx';
}

export function statusToneOf(status: number): StatusTone {
  const statusClass = statusClassOf(status);
  if (statusClass === '5xx') return 'error';
  if (statusClass === '4xx') return 'busy';
  return 'ok';
}

export function totalTokensOf(request: RequestSummary): number {
  return request.inputTokens + request.outputTokens;
}
