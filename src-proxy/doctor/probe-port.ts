import { createServer } from 'node:net';

export type PortState = 'free' | 'taken' | 'denied';

/** Whether a TCP port can be listened on now: a real bind on `host`, closed at once. */
export function probePort(port: number, host: string): Promise<PortState> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'EACCES' ? 'denied' : 'taken'));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve('free')));
  });
}
