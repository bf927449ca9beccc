import { ProxyError } from '../../errors/proxy-error';

/** The parsed JSON body as an object, or a 400 the route renders in its own protocol. */
export function readClientBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ProxyError({ code: 'PX_INVALID_REQUEST', message: 'The request body must be a JSON object.', httpStatus: 400 });
  }
  return body as Record<string, unknown>;
}

/** The `model` field every body-routed protocol carries. */
export function readModelField(body: Record<string, unknown>): string {
  const model = body.model;
  if (typeof model !== 'string' || model.trim() === '') {
    throw new ProxyError({ code: 'PX_INVALID_REQUEST', message: 'Invalid request: model: expected a non-empty string.', httpStatus: 400, details: { param: 'model' } });
  }
  return model.trim();
}

export function readStreamField(body: Record<string, unknown>): boolean {
  const stream = body.stream;
  if (stream !== undefined && stream !== null && typeof stream !== 'boolean') {
    throw new ProxyError({ code: 'PX_INVALID_REQUEST', message: 'Invalid request: stream: expected a boolean.', httpStatus: 400, details: { param: 'stream' } });
  }
  return stream === true;
}
