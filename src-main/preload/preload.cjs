'use strict';
// Sandboxed preload: CommonJS, and `require` offers only Electron's renderer modules, so this stays one
// self-contained file. Keep the two lists in sync with src-shared/control-contract.ts
// (preload.test.ts fails when they differ).
const { contextBridge, ipcRenderer } = require('electron');

const OPERATIONS = Object.freeze([
  'status.get',
  'proxy.start',
  'proxy.stop',
  'connection.get',
  'connection.revealApiKey',
  'accounts.list',
  'accounts.setDisabled',
  'accounts.delete',
  'logins.list',
  'login.start',
  'login.status',
  'login.submitCallback',
  'login.cancel',
  'config.read',
  'config.validate',
  'config.save',
  'config.setValues',
  'usage.totals',
  'usage.series',
  'usage.breakdown',
  'requests.recent',
  'quota.get',
  'doctor.run',
  'doctor.hello',
  'clients.list',
  'clients.preview',
  'clients.connect',
  'clients.disconnect',
  'tunnel.status',
  'tunnel.start',
  'tunnel.stop',
  'tunnel.revealKey',
  'tunnel.revokeKey',
  'tunnel.test',
  'settings.get',
  'settings.set',
  'updates.get',
  'updates.check',
]);
const EVENTS = Object.freeze([
  'status.changed',
  'request.finished',
  'accounts.changed',
  'login.started',
  'login.finished',
  'config.changed',
  'tunnel.changed',
  'updates.changed',
]);

/** Resolves a ControlResult like main does; an unknown name never reaches ipcRenderer. */
function invoke(operation, input) {
  if (typeof operation !== 'string' || !OPERATIONS.includes(operation)) {
    return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_OPERATION', message: 'Unknown operation.' } });
  }
  return ipcRenderer.invoke(operation, input === undefined ? {} : input);
}

/** Subscribes to one contract event; the page gets the payload only, never the IpcRendererEvent. */
function on(event, listener) {
  if (typeof event !== 'string' || !EVENTS.includes(event)) throw new Error('Unknown control event.');
  if (typeof listener !== 'function') throw new TypeError('listener must be a function.');
  const forward = (_ipcEvent, payload) => listener(payload);
  ipcRenderer.on(event, forward);
  return () => {
    ipcRenderer.removeListener(event, forward);
  };
}

contextBridge.exposeInMainWorld('cliproxy', Object.freeze({ invoke, on }));
