/// <reference types="vite/client" />
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { AccountQuota, AccountSummary, LoginStart } from '../../../src-shared/control/account-types';
import type { ControlClient } from '../../control-client/control-client';
import { AccountCard } from './account-card';
import { LoginProgress } from './login-progress';
import { QuotaBars } from './quota-bars';
import type { Login } from './use-login';

/** Server-rendered markup of the account views: what a screen reader and a test by role would find. */
const hour = 3_600_000;

describe('QuotaBars', () => {
  it('draws one labelled bar per window with its reset time, and the refresh error', () => {
    const quota: AccountQuota = {
      accountId: 'claude-a@example.com.json',
      windows: [
        { id: '5h', label: '5-hour window', usedPercent: 42.4, resetsAt: Date.now() + 2 * hour + 60_000, status: 'ok' },
        { id: '7d', label: 'Weekly', usedPercent: null, resetsAt: null, status: 'rejected' },
      ],
      updatedAt: Date.now(),
      error: 'the provider did not answer',
    };
    const html = renderToStaticMarkup(<QuotaBars quota={quota} />);
    expect(html).toContain('<progress max="100" value="42.4" aria-label="5-hour window: 42% used">');
    expect(html).toContain('42% used · resets <time');
    expect(html).toContain('in 2 h</time>');
    expect(html).toContain('Used up');
    expect(html).toContain('Quota could not be refreshed: the provider did not answer');
  });
});

describe('LoginProgress', () => {
  const offers: Login['offers'] = [
    { provider: 'claude', label: 'Claude', flow: 'browser' },
    { provider: 'qwen', label: 'Qwen', flow: 'device-code' },
  ];
  const login = (flow: Login['flow']): Login => ({ flow, offers, start: vi.fn(), submitCallback: vi.fn(), cancel: vi.fn(), close: vi.fn() });
  const qwen: LoginStart = { state: 's', provider: 'qwen', url: 'https://chat.qwen.example/device', userCode: 'ABCD-1234', expiresIn: 600 };

  it('shows a device flow code with its page, and no pasted-callback form', () => {
    const html = renderToStaticMarkup(<LoginProgress login={login({ step: 'waiting', provider: 'qwen', start: qwen, checkingCallback: false, callbackError: null })} />);
    expect(html).toContain('<a href="https://chat.qwen.example/device" target="_blank" rel="noopener noreferrer">Open the Qwen login page</a>');
    expect(html).toContain('<code class="user-code">ABCD-1234</code>');
    expect(html).not.toContain('Callback URL');
    expect(html).toContain('Cancel login');
  });

  it('says why a login failed and what to try', () => {
    const html = renderToStaticMarkup(<LoginProgress login={login({ step: 'failed', provider: 'claude', why: 'the code expired', start: null })} />);
    expect(html).toContain('role="alert"');
    expect(html).toContain('The Claude login failed: the code expired');
    expect(html).toContain('Try again');
    expect(html).toContain('proxy-url');
  });

  it('renders nothing when no login is running', () => {
    expect(renderToStaticMarkup(<LoginProgress login={login({ step: 'idle' })} />)).toBe('');
  });
});

describe('AccountCard', () => {
  const client = { invoke: vi.fn(), on: vi.fn() } as unknown as ControlClient;
  const idle: Login = { flow: { step: 'idle' }, offers: [], start: vi.fn(), submitCallback: vi.fn(), cancel: vi.fn(), close: vi.fn() };
  const account: AccountSummary = {
    id: 'claude-alice@example.com.json',
    provider: 'claude',
    providerLabel: 'Claude',
    renewWith: 'claude',
    kind: 'oauth',
    label: 'alice@example.com',
    email: 'alice@example.com',
    status: 'needs-relogin',
    statusMessage: 'Needs a new login',
    coolingUntil: null,
    expiresAt: Date.now() - hour,
    disabled: false,
    models: ['claude-sonnet-4-6'],
  };
  const render = (summary: AccountSummary, maskEmails = false) =>
    renderToStaticMarkup(<AccountCard client={client} account={summary} quota={null} maskEmails={maskEmails} login={idle} onChanged={vi.fn()} />);

  it('offers a new login for an account that needs one, with every action named after the account', () => {
    const html = render(account);
    expect(html).toContain('Needs re-login');
    expect(html).toContain('Needs a new login');
    expect(html).toContain('Token expired <time');
    expect(html).toContain('aria-label="Log in again as alice@example.com"');
    expect(html).toContain('aria-label="Disable alice@example.com"');
    expect(html).toContain('aria-label="Delete alice@example.com"');
  });

  it('masks the email everywhere when asked', () => {
    const html = render(account, true);
    expect(html).not.toContain('alice@');
    expect(html).toContain('a•••e@example.com');
  });

  it('sends API-key accounts to the Config page instead of offering buttons that cannot work', () => {
    const html = render({ ...account, id: 'claude-api:0', kind: 'api-key', label: 'sk-ant…1234', email: null, status: 'active', statusMessage: null, expiresAt: null });
    expect(html).toContain('change or remove it on the Config page');
    expect(html).not.toContain('Disable');
    expect(html).not.toContain('Log in again');
  });

  it('an active login with an early warning shows it with a Re-login action; a forecast line comes with the quota', () => {
    const warned = { ...account, status: 'active' as const, statusMessage: 'Renewal failing since 10:02 (HTTP 503), token valid until 11:40. Log in again if it persists.', expiresAt: Date.now() + hour };
    const html = renderToStaticMarkup(
      <AccountCard
        client={client}
        account={warned}
        quota={{ accountId: warned.id, windows: [], updatedAt: Date.now(), error: null, forecasts: [], unknown: 'Claude reports nothing here.' }}
        maskEmails={false}
        login={idle}
        onChanged={vi.fn()}
      />,
    );
    expect(html).toContain('role="status"');
    expect(html).toContain('Renewal failing since 10:02 (HTTP 503), token valid until 11:40.');
    expect(html).toContain('aria-label="Log in again as alice@example.com"');
    expect(html).toContain('<p class="quota-forecast quota-forecast-quiet">Claude reports nothing here.</p>');
    expect(render({ ...warned, statusMessage: null })).not.toContain('Log in again');
  });
});

