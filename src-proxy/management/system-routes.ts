import type { FastifyInstance } from 'fastify';
import { loadUndici } from '../http/undici-lean';
import { MANAGEMENT_PREFIX } from './create-management-guard';
import type { ManagementContext } from './management-context';

/** CPA waits 10 s for GitHub. */
const feedTimeoutMs = 10_000;
const feedBodyLimitBytes = 256 * 1024;

/**
 * The official panel's system and OAuth pages (docs/management-api.md#system):
 *   GET /latest-version -> {"latest-version": tag} read from `remote-management.release-feed-url` (a GitHub
 *       `releases/latest` JSON: `tag_name`, else `name`). No feed, no answer, a bad answer: still 200, with
 *       `"latest-version": "unknown"` and a `message` saying why (CPA answers 502; the panel then shows an
 *       error where nothing is wrong with the engine).
 *   GET /plugins -> an empty list in CPA's shape: this engine has no plugins.
 */
export function registerSystemRoutes(app: FastifyInstance, context: ManagementContext): void {
  app.get(`${MANAGEMENT_PREFIX}/latest-version`, async (_request, reply) => {
    const { config } = context.getRuntime();
    const found = await readLatestVersion(config.remoteManagement.releaseFeedUrl, context, config.proxyUrl);
    const body = 'version' in found ? { 'latest-version': found.version } : { 'latest-version': 'unknown', message: found.unknown };
    return reply.header('cache-control', 'no-store').send(body);
  });

  app.get(`${MANAGEMENT_PREFIX}/plugins`, async (_request, reply) => reply.send({ plugins_enabled: false, plugins_dir: '', plugins: [] }));
}

async function readLatestVersion(feedUrl: string, context: ManagementContext, proxyUrl: string): Promise<{ version: string } | { unknown: string }> {
  if (feedUrl === '') return { unknown: 'no release feed configured (remote-management.release-feed-url)' };
  if (!URL.canParse(feedUrl)) return { unknown: 'remote-management.release-feed-url is not a URL' };
  try {
    const dispatcher = context.apiCall?.dispatchers.get('', proxyUrl);
    const { request } = await loadUndici();
    const answer = await request(feedUrl, {
      headers: { accept: 'application/vnd.github+json', 'user-agent': 'cli-proxy-desktop' },
      signal: AbortSignal.timeout(feedTimeoutMs),
      ...(dispatcher ? { dispatcher } : {}),
    });
    if (answer.statusCode !== 200) {
      await answer.body.dump();
      return { unknown: `release feed answered ${answer.statusCode}` };
    }
    const text = await answer.body.text();
    if (text.length > feedBodyLimitBytes) return { unknown: 'release feed answer too large' };
    return versionOf(JSON.parse(text) as unknown);
  } catch (error) {
    const reason = error instanceof SyntaxError ? 'release feed answer is not JSON' : 'release feed unreachable';
    context.logger.debug({ feed: new URL(feedUrl).origin }, reason);
    return { unknown: reason };
  }
}

function versionOf(release: unknown): { version: string } | { unknown: string } {
  if (typeof release !== 'object' || release === null) return { unknown: 'release feed answer has no version' };
  const { tag_name: tag, name } = release as { tag_name?: unknown; name?: unknown };
  const version = [tag, name].find((value): value is string => typeof value === 'string' && value.trim() !== '');
  return version === undefined ? { unknown: 'release feed answer has no version' } : { version: version.trim() };
}
