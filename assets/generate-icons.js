#!/usr/bin/env node
/**
 * Regenerates the add-in icons (assets/icon-16.png, -32, -64, -80): a white rocket on a blue
 * rounded square. Plain Node (zlib only), no image library: shapes are evaluated analytically
 * with 4x4 supersampling and written as 8-bit RGBA PNGs.
 *
 * Usage: node assets/generate-icons.js
 * The PNGs are committed; rerun this only when the design changes.
 */
'use strict';

const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const SIZES = [16, 32, 64, 80];
const SAMPLES = 4; // per axis

const BLUE = [30, 111, 217, 255];
const WHITE = [255, 255, 255, 255];
const ORANGE = [255, 159, 28, 255];
const CLEAR = [0, 0, 0, 0];

/** Which colour the point (x, y) in [0,1]² (y down) has. Later shapes paint over earlier ones. */
function colourAt(x, y) {
  // Rounded-square background.
  const r = 0.2;
  const dx = Math.max(Math.abs(x - 0.5) - (0.5 - r), 0);
  const dy = Math.max(Math.abs(y - 0.5) - (0.5 - r), 0);
  if (dx * dx + dy * dy > r * r) return CLEAR;

  // Rocket coordinates: origin at the centre, v along the rocket (pointing up-right), u across.
  const X = x - 0.5;
  const Y = 0.5 - y;
  const k = Math.SQRT1_2;
  const u = (X - Y) * k;
  const v = (X + Y) * k;

  // Flame (behind the body).
  const inFlame = v < -0.2 && v > -0.42 && Math.abs(u) < 0.075 * ((v + 0.42) / 0.22);
  // Body: a capsule with a rounded nose.
  const halfWidth = 0.11;
  let inBody = false;
  if (v >= -0.22 && v <= 0.1) inBody = Math.abs(u) <= halfWidth;
  else if (v > 0.1 && v <= 0.36) {
    const t = (v - 0.1) / 0.26;
    inBody = Math.abs(u) <= halfWidth * Math.sqrt(1 - t * t);
  }
  // Fins: triangles on both sides of the tail.
  const au = Math.abs(u);
  const inFin = au > halfWidth - 0.01 && au < 0.22 && v > -0.24 && v < -0.02 - (au - halfWidth) * 1.2;
  // Window.
  const wv = v - 0.08;
  const inWindow = u * u + wv * wv < 0.055 * 0.055;

  if (inWindow) return BLUE;
  if (inBody || inFin) return WHITE;
  if (inFlame) return ORANGE;
  return BLUE;
}

function render(size) {
  const px = Buffer.alloc(size * size * 4);
  const n = SAMPLES * SAMPLES;
  for (let py = 0; py < size; py++) {
    for (let pxl = 0; pxl < size; pxl++) {
      let rs = 0, gs = 0, bs = 0, as = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const c = colourAt((pxl + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size);
          // Premultiply so transparent samples do not darken the edge.
          rs += c[0] * c[3]; gs += c[1] * c[3]; bs += c[2] * c[3]; as += c[3];
        }
      }
      const o = (py * size + pxl) * 4;
      px[o + 3] = Math.round(as / n);
      if (as > 0) {
        px[o] = Math.round(rs / as);
        px[o + 1] = Math.round(gs / as);
        px[o + 2] = Math.round(bs / as);
      }
    }
  }
  return px;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let j = 0; j < 8; j++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[i] = c >>> 0;
  }
  return t;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0; // compression, filter, interlace
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const size of SIZES) {
  const file = path.join(__dirname, `icon-${size}.png`);
  fs.writeFileSync(file, encodePng(size, render(size)));
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
