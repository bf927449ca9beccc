import type { ComponentType } from 'react';
import { AccountsPage } from '../features/accounts/accounts-page';
import { ConfigPage } from '../features/config/config-page';
import { ConnectPage } from '../features/connect/connect-page';
import { DashboardPage } from '../features/dashboard/dashboard-page';
import { DoctorPage } from '../features/doctor/doctor-page';
import { LogsPage } from '../features/logs/logs-page';
import { SettingsPage } from '../features/settings/settings-page';
import { UsagePage } from '../features/usage/usage-page';
import type { PageProps } from './page-props';

export interface PageEntry {
  /** The hash route: `#/<path>`. */
  path: string;
  /** Navigation label and the page's name. */
  title: string;
  Component: ComponentType<PageProps>;
}

/** Every page of the app, in navigation order; the first one is the start page. Add a page with one line here. */
export const pages: readonly PageEntry[] = [
  { path: 'dashboard', title: 'Dashboard', Component: DashboardPage },
  { path: 'accounts', title: 'Accounts', Component: AccountsPage },
  { path: 'connect', title: 'Connect', Component: ConnectPage },
  { path: 'usage', title: 'Usage', Component: UsagePage },
  { path: 'config', title: 'Config', Component: ConfigPage },
  { path: 'logs', title: 'Logs', Component: LogsPage },
  { path: 'settings', title: 'Settings', Component: SettingsPage },
  { path: 'doctor', title: 'Doctor', Component: DoctorPage },
];
