export interface SseMessage {
  event: string;
  data: string;
}

/**
 * Incremental text/event-stream parser (WHATWG HTML, "Server-sent events", interpreting an event
 * stream): feed decoded text in any chunking; complete messages go to `onMessage`. Comments and
 * `id`/`retry` fields are ignored; a message without `event:` is named "message".
 */
export function createSseParser(onMessage: (message: SseMessage) => void): (chunk: string) => void {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  const dispatch = (): void => {
    if (data.length > 0) onMessage({ event: event === '' ? 'message' : event, data: data.join('\n') });
    event = '';
    data = [];
  };
  const handleLine = (line: string): void => {
    if (line === '') return dispatch();
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const rawValue = colon === -1 ? '' : line.slice(colon + 1);
    const value = rawValue.startsWith(' ') ? rawValue.slice(1) : rawValue;
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  };
  let afterCarriageReturn = false;
  return (chunk) => {
    // A CRLF split across chunks: the \r already ended the line, so the \n must not end another.
    const text = afterCarriageReturn && chunk.startsWith('\n') ? chunk.slice(1) : chunk;
    afterCarriageReturn = chunk.endsWith('\r');
    buffer += text;
    const lines = buffer.split(/\r\n|\r|\n/);
    // The last piece is an unfinished line: keep it for the next chunk.
    buffer = lines.pop() ?? '';
    for (const line of lines) handleLine(line);
  };
}
