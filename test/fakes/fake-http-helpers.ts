/** Small node:http helpers for the fake upstreams. */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Write and wait until the bytes reached the socket, so a following destroy() cannot drop them. */
export function writeFlushed(response: ServerResponse, data: string): Promise<void> {
  return new Promise((resolve) => {
    if (response.destroyed) {
      resolve();
      return;
    }
    response.write(data, () => resolve());
  });
}

export function waitForDrain(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.once('drain', done);
    response.once('close', done);
  });
}

export function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    const finish = (): void => resolve(Buffer.concat(parts).toString('utf8'));
    request.on('data', (part: Buffer) => parts.push(part));
    request.once('end', finish);
    request.once('close', finish);
    request.once('error', finish);
  });
}

export function parseBody(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function flattenHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
