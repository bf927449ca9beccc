import type { SseEvent } from './sse-event';
import { Utf8StreamDecoder } from './utf8-stream-decoder';

/**
 * Incremental SSE parser: feed it byte chunks as they arrive, get complete events back. Handles events
 * split across chunks, CRLF/CR/LF line endings, comments (ignored), and a UTF-8 character split between
 * chunks (the decoder is streaming). Follows the WHATWG event-stream parsing rules.
 */
export class SseParser {
  private readonly decoder = new Utf8StreamDecoder();
  private buffer = '';
  private data: string[] = [];
  private eventName: string | undefined;
  private lastId: string | undefined;

  push(chunk: Uint8Array): SseEvent[] {
    this.buffer += this.decoder.decode(chunk);
    return this.drainLines(false);
  }

  /**
   * Text already decoded (what a translated stream writes). Only between byte chunks that end on a whole
   * character: text pushed while the bytes before it end inside a character would come before that
   * character.
   */
  pushText(text: string): SseEvent[] {
    this.buffer += text;
    return this.drainLines(false);
  }

  /** End of stream: a final event without its blank line still counts (upstreams forget it). */
  end(): SseEvent[] {
    this.buffer += this.decoder.end();
    const events = this.drainLines(true);
    if (this.buffer) this.processField(this.buffer);
    this.buffer = '';
    const last = this.dispatch();
    if (last) events.push(last);
    return events;
  }

  private drainLines(final: boolean): SseEvent[] {
    const events: SseEvent[] = [];
    let start = 0;
    for (;;) {
      const newline = this.findLineEnd(start, final);
      if (newline === -1) break;
      const line = this.buffer.slice(start, newline);
      start = newline + (this.buffer[newline] === '\r' && this.buffer[newline + 1] === '\n' ? 2 : 1);
      if (line === '') {
        const event = this.dispatch();
        if (event) events.push(event);
      } else {
        this.processField(line);
      }
    }
    this.buffer = this.buffer.slice(start);
    return events;
  }

  /** Index of the next line terminator; a trailing lone '\r' waits for a possible '\n' unless final. */
  private findLineEnd(from: number, final: boolean): number {
    const lf = this.buffer.indexOf('\n', from);
    const cr = this.buffer.indexOf('\r', from);
    if (cr === -1 || (lf !== -1 && lf < cr)) return lf;
    if (cr === this.buffer.length - 1 && !final) return -1;
    return cr;
  }

  /** Reads the field name in place and slices only the value (every upstream event comes through here). */
  private processField(line: string): void {
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const nameEnd = colon === -1 ? line.length : colon;
    let valueStart = colon === -1 ? line.length : colon + 1;
    if (line.charCodeAt(valueStart) === space) valueStart += 1;
    if (isField(line, nameEnd, 'data')) this.data.push(line.slice(valueStart));
    else if (isField(line, nameEnd, 'event')) this.eventName = line.slice(valueStart);
    else if (isField(line, nameEnd, 'id') && !line.includes('\u0000', valueStart)) this.lastId = line.slice(valueStart);
  }

  private dispatch(): SseEvent | undefined {
    if (this.data.length === 0) {
      this.eventName = undefined;
      return undefined;
    }
    const event: SseEvent = { data: this.data.join('\n') };
    if (this.eventName !== undefined) event.event = this.eventName;
    if (this.lastId !== undefined) event.id = this.lastId;
    this.data.length = 0;
    this.eventName = undefined;
    return event;
  }
}

const space = 0x20;

function isField(line: string, nameEnd: number, name: string): boolean {
  return nameEnd === name.length && line.startsWith(name);
}
