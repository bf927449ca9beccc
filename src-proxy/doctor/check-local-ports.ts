import type { DoctorCheck } from '../../src-shared/control/doctor-types';
import { loginProviders } from '../providers/registry';
import { probePort } from './probe-port';

/** The loopback ports the login providers' browser callbacks listen on, as each declares it (docs/providers.md). */
export const oauthCallbackPorts: ReadonlyArray<{ port: number; login: string }> = loginProviders.flatMap((provider) =>
  provider.auth.login.callbackPort === undefined ? [] : [{ port: provider.auth.login.callbackPort, login: provider.label }],
);

/** The proxy's listener as the engine reports it; absent when the doctor runs without the engine (`cliproxy doctor`). */
export interface ListenerFacts {
  running: boolean;
  host: string;
  port: number;
  tls: boolean;
}

function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1';
}

/** The listener: running (or its port free to start on), and how far it is exposed (LAN, TLS). */
export async function checkListener(host: string, port: number, tls: boolean, listener: ListenerFacts | undefined): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  const where = `${host}:${port}`;
  if (listener?.running) {
    checks.push({ id: 'listener', title: 'Proxy listener', status: 'ok', explanation: `The proxy is listening on ${listener.host}:${listener.port}.`, fix: null });
  } else {
    const state = await probePort(port, host);
    checks.push(
      state === 'free'
        ? { id: 'listener', title: 'Proxy listener', status: 'ok', explanation: `The proxy is not running; port ${where} is free for it.`, fix: null }
        : { id: 'listener', title: 'Proxy listener', status: 'error', explanation: `Port ${where} is ${state === 'denied' ? 'not allowed for this user' : 'taken by another program (perhaps another proxy)'}.`, fix: 'Stop the other program, or set another `port` in config.yaml.' },
    );
  }
  if (isLoopback(host)) checks.push({ id: 'exposure', title: 'Network exposure', status: 'ok', explanation: 'Only this computer can reach the proxy.', fix: null });
  else if (tls) checks.push({ id: 'exposure', title: 'Network exposure', status: 'ok', explanation: `The proxy listens on ${host} (your network) with TLS.`, fix: null });
  else checks.push({ id: 'exposure', title: 'Network exposure', status: 'warning', explanation: `The proxy listens on ${host} without TLS: client keys cross your network in the clear.`, fix: 'Turn LAN access off (host 127.0.0.1), or enable `tls` in config.yaml.' });
  return checks;
}

/** Each login callback port: free, or taken (the browser login of that provider would fail while it is). */
export async function checkCallbackPorts(ports: ReadonlyArray<{ port: number; login: string }> = oauthCallbackPorts): Promise<DoctorCheck[]> {
  return Promise.all(
    ports.map(async ({ port, login }): Promise<DoctorCheck> => {
      const state = await probePort(port, '127.0.0.1');
      const id = `callback-port:${port}`;
      const title = `${login} login callback port ${port}`;
      if (state === 'free') return { id, title, status: 'ok', explanation: `Port ${port} is free for the ${login} login.`, fix: null };
      return {
        id,
        title,
        status: 'warning',
        explanation: `Port ${port} is ${state === 'denied' ? 'not allowed for this user' : 'taken by another program (or a login in progress)'}: the ${login} browser login cannot receive its callback.`,
        fix: `Close the program using port ${port} (e.g. \`lsof -i :${port}\` or \`netstat -ano\`), or paste the callback URL by hand when the login asks.`,
      };
    }),
  );
}
