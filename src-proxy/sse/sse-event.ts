/** One Server-Sent Event as parsed from or written to the wire (WHATWG HTML, server-sent events). */
export interface SseEvent {
  /** The `event:` field; undefined means the default 'message'. */
  event?: string;
  /** The `data:` lines joined with '\n'. */
  data: string;
  id?: string;
}

/** Serializes one event; multi-line data becomes several `data:` lines. */
export function formatSseEvent(event: SseEvent): string {
  let text = '';
  if (event.event !== undefined) text += `event: ${event.event}\n`;
  if (event.id !== undefined) text += `id: ${event.id}\n`;
  if (event.data.includes('\n')) {
    for (const line of event.data.split('\n')) text += `data: ${line}\n`;
  } else {
    text += `data: ${event.data}\n`;
  }
  return `${text}\n`;
}
