import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A stand-in `cloudflared` executable (a Node script) for tests: no Cloudflare, no network.
 * - `tunnel --no-autoupdate --url http://127.0.0.1:PORT`: opens its own loopback port forwarding to PORT,
 *   prints the quick tunnel box cloudflared prints (to stderr, with `https://<words>.trycloudflare.com`).
 * - `tunnel --no-autoupdate run` with TUNNEL_TOKEN: the token is base64 JSON `{ hostname, service }`
 *   (the real token's routes live in Cloudflare's dashboard); prints "Registered tunnel connection".
 * It records `{ port, pid }` in `<folder>/hosts/<hostname>.json`, so the test maps the public hostname
 * to the forwarder as DNS would map it to Cloudflare. Requests are forwarded with `Host: <hostname>`,
 * as Cloudflare's edge sends them.
 */
const script = String.raw`#!/usr/bin/env node
'use strict';
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const args = process.argv.slice(2);
const log = (level, text) => process.stderr.write(new Date().toISOString() + ' ' + level + ' ' + text + '\n');
let target, hostname;
if (args.includes('run')) {
  const token = JSON.parse(Buffer.from(process.env.TUNNEL_TOKEN || '', 'base64').toString('utf8') || '{}');
  if (!token.service) { log('ERR', 'Provided Tunnel token is not valid.'); process.exit(1); }
  target = new URL(token.service);
  hostname = token.hostname;
} else {
  const index = args.indexOf('--url');
  if (index === -1) { log('ERR', 'no --url'); process.exit(1); }
  target = new URL(args[index + 1]);
  const words = ['quiet', 'river', 'amber', 'stone', 'lucky', 'maple', 'ocean', 'tiger'];
  const pick = () => words[Math.floor(Math.random() * words.length)];
  hostname = pick() + '-' + pick() + '-' + Math.floor(Math.random() * 1e6) + '.trycloudflare.com';
}
const server = http.createServer((request, response) => {
  const headers = { ...request.headers, host: hostname };
  const upstream = http.request({ host: target.hostname, port: target.port, method: request.method, path: request.url, headers }, (answer) => {
    response.writeHead(answer.statusCode || 502, answer.headers);
    answer.pipe(response);
  });
  upstream.on('error', () => { response.writeHead(502); response.end('origin unreachable'); });
  request.pipe(upstream);
});
server.listen(0, '127.0.0.1', () => {
  const folder = path.join(__dirname, 'hosts');
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, hostname + '.json'), JSON.stringify({ port: server.address().port, pid: process.pid }));
  log('INF', 'Version fake');
  if (args.includes('run')) {
    log('INF', 'Registered tunnel connection connIndex=0 location=fake protocol=quic');
  } else {
    log('INF', 'Requesting new quick Tunnel on trycloudflare.com...');
    log('INF', '+--------------------------------------------------------------------------------------------+');
    log('INF', '|  Your quick Tunnel has been created! Visit it at (it may take some time to be reachable):  |');
    log('INF', '|  https://' + hostname + '                                        |');
    log('INF', '+--------------------------------------------------------------------------------------------+');
  }
});
process.on('SIGTERM', () => process.exit(0));
`;

export interface FakeCloudflared {
  /** Put this folder first on PATH (or use `path`). */
  binDir: string;
  path: string;
  /** The forwarder that stands behind a public address (what the app's Test and the tests call). */
  resolveOrigin(publicUrl: string): Promise<string>;
  /** The fake process serving a public address (to simulate a drop). */
  pidOf(publicUrl: string): Promise<number>;
  /** A token the fake accepts for `tunnel run`. */
  namedToken(hostname: string, service: string): string;
}

export async function installFakeCloudflared(folder: string): Promise<FakeCloudflared> {
  const binDir = join(folder, 'fake-cloudflared-bin');
  await mkdir(binDir, { recursive: true });
  const path = join(binDir, 'cloudflared');
  await writeFile(path, script);
  await chmod(path, 0o755);
  const record = async (publicUrl: string) => JSON.parse(await readFile(join(binDir, 'hosts', `${new URL(publicUrl).hostname}.json`), 'utf8')) as { port: number; pid: number };
  return {
    binDir,
    path,
    resolveOrigin: async (publicUrl) => `http://127.0.0.1:${(await record(publicUrl)).port}`,
    pidOf: async (publicUrl) => (await record(publicUrl)).pid,
    namedToken: (hostname, service) => Buffer.from(JSON.stringify({ hostname, service })).toString('base64'),
  };
}
