/// <reference types="vite/client" />
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ControlClient } from '../../control-client/control-client';
import { ConfigForms } from './config-forms';

const client: ControlClient = {
  transport: 'http',
  capabilities: { canStart: true, canStop: false, appSettings: false },
  managementKey: null,
  invoke: (async () => ({ ok: false, error: { code: 'FAILED', message: 'not used' } })) as ControlClient['invoke'],
  on: () => () => undefined,
};

describe('ConfigForms', () => {
  it('shows the file’s values in labelled fields, each group with its own (idle) Save', () => {
    const html = renderToStaticMarkup(<ConfigForms client={client} text={'port: 9000\nrequest-retry: 2\nrouting:\n  strategy: fill-first\n'} />);
    expect(html).toMatch(/<label for="([^"]+)">Port<\/label><input id="\1" type="number" min="1" max="65535" value="9000"/);
    expect(html).toMatch(/<option value="fill-first" selected="">/);
    expect(html).toContain('After a port change, open this panel at the new port.');
    for (const group of ['Save network', 'Save routing and retries', 'Save upstream proxy']) expect(html).toMatch(new RegExp(`disabled="">${group}<`));
  });

  it('warns that LAN access exposes the accounts, and that it needs api-keys', () => {
    const html = renderToStaticMarkup(<ConfigForms client={client} text={'host: 0.0.0.0\n'} />);
    expect(html).toContain('Every device on your network can then reach the proxy and use your accounts');
    expect(html).toContain('config.yaml has no api-keys yet');
  });

  it('sends the user to the editor while the file is not valid YAML', () => {
    expect(renderToStaticMarkup(<ConfigForms client={client} text={'port: [\n'} />)).toContain('fix it in the editor below');
  });
});
