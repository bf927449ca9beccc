import type { MediaSource } from '../canonical/index';

/** `data:<mime>;base64,<payload>` -> inline media; anything else -> a URL source. Missing mime: octet-stream. */
export function mediaSourceFromUrl(url: string): MediaSource {
  const match = /^data:([^;,]*)(;[^,]*)?,(.*)$/s.exec(url);
  if (!match) return { kind: 'url', url };
  const mediaType = match[1] || 'application/octet-stream';
  const isBase64 = (match[2] ?? '').includes('base64');
  const payload = match[3] ?? '';
  const data = isBase64 ? payload : Buffer.from(decodeURIComponent(payload), 'utf8').toString('base64');
  return { kind: 'base64', mediaType, data };
}

export function mediaSourceToDataUrl(source: MediaSource): string {
  return source.kind === 'base64' ? `data:${source.mediaType};base64,${source.data}` : source.url;
}
