import { createServer, type AddressInfo } from 'node:net';

/** A loopback port that was just free (listened on, then closed): nothing answers there, and it can be bound. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
