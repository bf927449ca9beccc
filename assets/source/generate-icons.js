#!/usr/bin/env node
// Draws the tray and app icons as PNGs with no dependencies: shapes are signed distance functions in a
// unit square, sampled 4x4 per pixel for anti-aliasing, composited source-over, encoded with zlib.
// Run: node assets/source/generate-icons.js   (writes into assets/)
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLES = 4;

const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r;
const ring = (cx, cy, r, width) => (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - r) - width / 2;
const roundedSquare = (inset, radius) => (x, y) => {
  const half = 0.5 - inset - radius;
  const dx = Math.max(Math.abs(x - 0.5) - half, 0);
  const dy = Math.max(Math.abs(y - 0.5) - half, 0);
  return Math.hypot(dx, dy) - radius;
};

/** layers: [{ shape, color: [r,g,b,a 0..1], erase? }] painted in order. Returns RGBA bytes. */
function render(size, layers) {
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < SAMPLES; sy += 1) {
        for (let sx = 0; sx < SAMPLES; sx += 1) {
          const x = (px + (sx + 0.5) / SAMPLES) / size;
          const y = (py + (sy + 0.5) / SAMPLES) / size;
          const [sr, sg, sb, sa] = paint(layers, x, y);
          r += sr; g += sg; b += sb; a += sa;
        }
      }
      const n = SAMPLES * SAMPLES;
      const offset = (py * size + px) * 4;
      const alpha = a / n;
      pixels[offset] = alpha > 0 ? Math.round((r / n / alpha) * 255) : 0;
      pixels[offset + 1] = alpha > 0 ? Math.round((g / n / alpha) * 255) : 0;
      pixels[offset + 2] = alpha > 0 ? Math.round((b / n / alpha) * 255) : 0;
      pixels[offset + 3] = Math.round(alpha * 255);
    }
  }
  return pixels;
}

/** Premultiplied colour of one sample point. */
function paint(layers, x, y) {
  let r = 0, g = 0, b = 0, a = 0;
  for (const layer of layers) {
    if (layer.shape(x, y) > 0) continue;
    if (layer.erase) {
      r = 0; g = 0; b = 0; a = 0;
      continue;
    }
    const [lr, lg, lb, la] = layer.color;
    r = lr * la + r * (1 - la);
    g = lg * la + g * (1 - la);
    b = lb * la + b * (1 - la);
    a = la + a * (1 - la);
  }
  return [r, g, b, a];
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const hex = (value, alpha = 1) => [
  parseInt(value.slice(1, 3), 16) / 255,
  parseInt(value.slice(3, 5), 16) / 255,
  parseInt(value.slice(5, 7), 16) / 255,
  alpha,
];
const ACCENT = '#2f6fed';
const GREY = '#8a8f98';
const RED = '#d93025';

// The glyph: a hub (ring) with the proxy at its centre (dot). Stopped drops the dot and dims; error adds a badge.
const hubRing = ring(0.5, 0.5, 0.33, 0.13);
const hubDot = circle(0.5, 0.5, 0.13);
const badgeGap = circle(0.8, 0.8, 0.26);
const badge = circle(0.8, 0.8, 0.18);

function trayLayers(state, template) {
  const ink = template ? hex('#000000') : hex(state === 'running' ? ACCENT : GREY);
  const dim = template ? hex('#000000', 0.45) : hex(GREY, 0.8);
  switch (state) {
    case 'running':
      return [{ shape: hubRing, color: ink }, { shape: hubDot, color: ink }];
    case 'stopped':
      return [{ shape: hubRing, color: dim }];
    case 'error':
      return [
        { shape: hubRing, color: template ? ink : hex(GREY) },
        { shape: badgeGap, erase: true },
        { shape: badge, color: template ? ink : hex(RED) },
      ];
    default:
      throw new Error(state);
  }
}

function write(name, size, layers) {
  writeFileSync(join(outDir, name), encodePng(size, render(size, layers)));
  process.stdout.write(`${name} ${size}x${size}\n`);
}

for (const state of ['running', 'stopped', 'error']) {
  for (const template of [false, true]) {
    const base = `tray-${state}${template ? 'Template' : ''}`;
    write(`${base}.png`, 16, trayLayers(state, template));
    write(`${base}@2x.png`, 32, trayLayers(state, template));
  }
}

const white = hex('#ffffff');
write('icon.png', 1024, [
  { shape: roundedSquare(0.06, 0.2), color: hex(ACCENT) },
  { shape: ring(0.5, 0.5, 0.25, 0.08), color: white },
  { shape: circle(0.5, 0.5, 0.09), color: white },
]);
