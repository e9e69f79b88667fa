// Writes media/icon.png (128×128): a lightning bolt on a rounded square.
// Kept as a script so the icon can be regenerated without an image editor.
import { deflateSync } from 'zlib';
import { writeFileSync } from 'fs';

const size = 128;
const inBolt = (x, y) => {
  // Two triangles approximating the bolt in a 24-unit box, scaled.
  const u = (x / size) * 24, v = (y / size) * 24;
  const tri = (ax, ay, bx, by, cx, cy) => {
    const d = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
    const s = ((bx - ax) * (v - ay) - (by - ay) * (u - ax)) / d;
    const t = ((u - ax) * (cy - ay) - (v - ay) * (cx - ax)) / d;
    return s >= 0 && t >= 0 && s + t <= 1;
  };
  return tri(14, 2, 5, 13.5, 12.5, 13.5) || tri(10, 10, 19, 10, 9.5, 22) || tri(14, 2, 10, 10, 13, 10);
};
const rows = [];
for (let y = 0; y < size; y++) {
  const row = Buffer.alloc(1 + size * 4);
  for (let x = 0; x < size; x++) {
    const r = 18, cx = Math.min(Math.max(x, r), size - r), cy = Math.min(Math.max(y, r), size - r);
    const inside = (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
    const px = inside ? (inBolt(x, y) ? [255, 214, 10, 255] : [24, 64, 160, 255]) : [0, 0, 0, 0];
    px.forEach((c, i) => (row[1 + x * 4 + i] = c));
  }
  rows.push(row);
}
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const sum = Buffer.alloc(4); sum.writeUInt32BE(crc(body));
  return Buffer.concat([len, body, sum]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4); ihdr[8] = 8; ihdr[9] = 6;
writeFileSync('media/icon.png', Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0)),
]));
