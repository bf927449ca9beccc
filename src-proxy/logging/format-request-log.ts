import type { SecretMasker } from './mask-secrets';

type HeaderBag = Readonly<Record<string, string | string[] | number | undefined>>;

/** What the client sent, as the request log's first three sections show it. */
export interface ClientRequestFacts {
  id: string;
  method: string;
  url: string;
  headers: HeaderBag;
  startedAt: Date;
  /** The parsed body (object), or text; read only when the log is written. */
  body(): unknown;
}

/** One upstream event of an attempt, recorded by reference and formatted only when a log is written. */
export type UpstreamEvent =
  | { kind: 'request'; at: Date; method: string; url: string; headers: HeaderBag; body: string | undefined }
  | { kind: 'response'; at: Date; status: number; headers: HeaderBag; body: Buffer | string | undefined }
  | { kind: 'error'; at: Date; status: number | undefined; message: string; headers: HeaderBag; body: string };

export interface ClientResponseFacts {
  status: number;
  headers: HeaderBag;
  body: unknown;
}

/** `=== REQUEST INFO ===`, `=== HEADERS ===` and `=== REQUEST BODY ===` (docs/config.md#request-log-files). */
export function formatClientRequest(facts: ClientRequestFacts, mask: SecretMasker): string {
  return [
    section('REQUEST INFO', [`URL: ${mask.url(facts.url)}`, `Method: ${facts.method}`, `Timestamp: ${facts.startedAt.toISOString()}`, `Request ID: ${facts.id}`]),
    section('HEADERS', headerLines(facts.headers, mask)),
    section('REQUEST BODY', [bodyText(facts.body(), mask)]),
  ].join('');
}

/** Per attempt: `=== API REQUEST ===`, then `=== API RESPONSE ===` or `=== API ERROR RESPONSE ===`. */
export function formatUpstreamEvents(events: readonly UpstreamEvent[], mask: SecretMasker): string {
  let attempt = 0;
  return events
    .map((event) => {
      switch (event.kind) {
        case 'request':
          attempt += 1;
          return section('API REQUEST', [`Attempt: ${attempt}`, `Timestamp: ${event.at.toISOString()}`, `URL: ${mask.url(event.url)}`, `Method: ${event.method}`, 'Headers:', ...indent(headerLines(event.headers, mask)), 'Body:', bodyText(event.body, mask)]);
        case 'response':
          return section('API RESPONSE', [`Timestamp: ${event.at.toISOString()}`, `Status: ${event.status}`, 'Headers:', ...indent(headerLines(event.headers, mask)), 'Body:', event.body === undefined ? '(streamed: the client\'s copy follows under RESPONSE)' : bodyText(event.body, mask)]);
        case 'error':
          return section('API ERROR RESPONSE', [`Timestamp: ${event.at.toISOString()}`, `Status: ${event.status ?? '(no response)'}`, `Error: ${mask.text(event.message)}`, 'Headers:', ...indent(headerLines(event.headers, mask)), 'Body:', bodyText(event.body, mask)]);
        default: {
          const unknownEvent: never = event;
          return unknownEvent;
        }
      }
    })
    .join('');
}

/** `=== RESPONSE ===` up to its body; a buffered body is appended here, a stream's chunks follow it. */
export function formatClientResponseHead(status: number, headers: HeaderBag, mask: SecretMasker): string {
  return `=== RESPONSE ===\nStatus: ${status}\nHeaders:\n${indent(headerLines(headers, mask)).join('\n')}\nBody:\n`;
}

export function formatClientResponse(response: ClientResponseFacts, mask: SecretMasker): string {
  return `${formatClientResponseHead(response.status, response.headers, mask)}${bodyText(response.body, mask)}\n`;
}

/** Any body as masked text: JSON objects compact, buffers as UTF-8, nothing as `(empty)`. */
export function bodyText(body: unknown, mask: SecretMasker): string {
  if (body === undefined || body === null || body === '') return '(empty)';
  if (typeof body === 'string') return mask.text(body);
  if (Buffer.isBuffer(body)) return body.length === 0 ? '(empty)' : mask.text(body.toString('utf8'));
  if (typeof body === 'object' && typeof (body as { pipe?: unknown }).pipe === 'function') return '(stream)';
  return mask.text(JSON.stringify(body));
}

function section(title: string, lines: string[]): string {
  return `=== ${title} ===\n${lines.join('\n')}\n\n`;
}

function headerLines(headers: HeaderBag, mask: SecretMasker): string[] {
  return Object.entries(mask.headers(headers)).map(([name, value]) => `${name}: ${value}`);
}

function indent(lines: string[]): string[] {
  return lines.map((line) => `  ${line}`);
}
