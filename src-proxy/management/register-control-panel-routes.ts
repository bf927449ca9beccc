import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { controlPanelCsp } from './control-panel-csp';

/**
 * Must equal `build.assetsDir` in vite.config.ts: with base './', "./management/assets/x.js" resolves to
 * dist-renderer/management/assets/x.js from file:// and to /management/assets/x.js from /management.html.
 */
export const CONTROL_PANEL_ASSETS_DIR = 'management/assets';
export const CONTROL_PANEL_PAGE = '/management.html';

export interface ControlPanelDeps {
  controlPanelDir?: string;
  disableControlPanel(): boolean;
  /** `remote-management.panel-file`: a page served at /management.html instead of ours; '' or omitted = ours. */
  panelFile?(): string;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

/** One path segment of a built asset: no dot-only segments, no separators, no encodings left. */
const SAFE_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/** GET /management.html and its hashed assets; 404 when disabled or no folder was given. */
export function registerControlPanelRoutes(app: FastifyInstance, deps: ControlPanelDeps): void {
  const enabledDir = (): string | null =>
    deps.controlPanelDir === undefined || deps.disableControlPanel() ? null : resolve(deps.controlPanelDir);

  app.get(CONTROL_PANEL_PAGE, async (_request, reply) => {
    const panelFile = deps.disableControlPanel() ? '' : (deps.panelFile?.() ?? '');
    if (panelFile !== '') return sendChosenPanel(reply, panelFile);
    const dir = enabledDir();
    const html = dir === null ? null : await readFileOrNull(resolve(dir, 'index.html'));
    if (html === null) return reply.callNotFound();
    setSecurityHeaders(reply);
    return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
  });

  app.get<{ Params: { '*': string } }>(`/${CONTROL_PANEL_ASSETS_DIR}/*`, async (request, reply) => {
    const dir = enabledDir();
    const file = dir === null ? null : resolveAssetPath(dir, request.params['*']);
    const body = file === null ? null : await readFileOrNull(file);
    if (file === null || body === null) return reply.callNotFound();
    setSecurityHeaders(reply);
    return reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .type(CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream')
      .send(body);
  });
}

/**
 * The page the user chose (CPA's official panel is one self-contained file with inline scripts): sent
 * without our CSP, which would block those scripts; still no framing, sniffing or referrer. Missing: 404.
 */
async function sendChosenPanel(reply: FastifyReply, panelFile: string): Promise<FastifyReply | void> {
  const html = await readFileOrNull(panelFile);
  if (html === null) return reply.callNotFound();
  return reply
    .header('x-content-type-options', 'nosniff')
    .header('x-frame-options', 'DENY')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(html);
}

/** Null for anything that is not a plain relative path strictly inside the assets folder. */
export function resolveAssetPath(controlPanelDir: string, requested: string): string | null {
  if (requested === '' || requested.includes('\\') || requested.includes('\0')) return null;
  const segments = requested.split('/');
  if (!segments.every((segment) => SAFE_SEGMENT.test(segment))) return null;
  const root = resolve(controlPanelDir, CONTROL_PANEL_ASSETS_DIR);
  const file = resolve(root, ...segments);
  return file.startsWith(root + sep) ? file : null;
}

async function readFileOrNull(file: string): Promise<Buffer | null> {
  try {
    const info = await stat(file);
    return info.isFile() ? await readFile(file) : null;
  } catch {
    return null;
  }
}

function setSecurityHeaders(reply: FastifyReply): void {
  reply
    .header('content-security-policy', controlPanelCsp({ asHeader: true }))
    .header('x-content-type-options', 'nosniff')
    .header('x-frame-options', 'DENY')
    .header('referrer-policy', 'no-referrer')
    .header('cross-origin-opener-policy', 'same-origin');
}
