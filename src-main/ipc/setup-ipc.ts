import { BrowserWindow, ipcMain } from 'electron';
import { controlEvents, controlOperations, type ControlApi, type ControlEvent } from '../../src-shared/control-contract';
import { isTrustedRendererUrl, type RendererLocation } from '../windows/renderer-location';
import { createIpcHandlers } from './create-ipc-handlers';

/**
 * Thin glue: one ipcMain.handle per contract operation (channel = operation name), and every contract
 * event forwarded to windows showing our renderer (channel = event name). Returns a teardown.
 */
export function setupIpc(deps: { control: ControlApi; renderer: RendererLocation }): () => void {
  const isTrustedSender = (url: string | undefined): boolean => isTrustedRendererUrl(url, deps.renderer);
  const handle = createIpcHandlers({ control: deps.control, isTrustedSender });
  const operations = Object.keys(controlOperations);
  for (const operation of operations) {
    ipcMain.handle(operation, (event, input: unknown) => handle(operation, event.senderFrame?.url, input));
  }
  const broadcast = (event: ControlEvent, payload: unknown): void => {
    for (const window of BrowserWindow.getAllWindows()) {
      const contents = window.webContents;
      if (!contents.isDestroyed() && isTrustedSender(contents.getURL())) contents.send(event, payload);
    }
  };
  const unsubscribers = controlEvents.map((event) => deps.control.on(event, (payload) => broadcast(event, payload)));
  return () => {
    for (const operation of operations) ipcMain.removeHandler(operation);
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
