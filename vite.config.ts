import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { controlPanelCsp } from './src-proxy/management/control-panel-csp';
import { CONTROL_PANEL_ASSETS_DIR } from './src-proxy/management/register-control-panel-routes';

/**
 * The renderer: src-renderer -> dist-renderer. One build serves two ways:
 *  - Electron loads dist-renderer/index.html from file://
 *  - the headless engine serves it at /management.html, assets at /management/assets/*
 * base './' + assetsDir 'management/assets' make "./management/assets/x.js" right in both places.
 */
const projectRoot = fileURLToPath(new URL('.', import.meta.url));

/** Built page only: a file:// page has no response headers to carry the CSP, so it rides in a meta tag. */
function cspMetaTag(): Plugin {
  return {
    name: 'cliproxy-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: controlPanelCsp() }, injectTo: 'head-prepend' },
    ],
  };
}

export default defineConfig({
  root: `${projectRoot}src-renderer`,
  base: './',
  publicDir: false,
  plugins: [react(), cspMetaTag()],
  build: {
    outDir: `${projectRoot}dist-renderer`,
    emptyOutDir: true,
    assetsDir: CONTROL_PANEL_ASSETS_DIR,
    // The polyfill is for old browsers; Electron's Chromium and current browsers have modulepreload.
    modulePreload: { polyfill: false },
    target: 'es2022',
    sourcemap: false,
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
});
