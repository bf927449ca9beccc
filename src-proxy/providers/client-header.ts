import type { ClientHeaders } from './provider-definition';

/** A client header as one string ('' when absent). */
export function clientHeader(headers: ClientHeaders, name: string): string {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : (value ?? '');
}
