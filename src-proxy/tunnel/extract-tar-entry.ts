/**
 * The contents of the first regular file named `name` (any folder) in an uncompressed ustar archive, or
 * null. Enough for cloudflared's macOS .tgz, which holds the one binary; not a general tar reader.
 */
export function extractTarEntry(archive: Buffer, name: string): Buffer | null {
  let offset = 0;
  while (offset + 512 <= archive.length) {
    const header = archive.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) return null; // end-of-archive blocks
    const path = readText(header, 0, 100);
    const prefix = readText(header, 345, 155);
    const size = parseInt(readText(header, 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156] ?? 0);
    const fullPath = prefix ? `${prefix}/${path}` : path;
    const dataStart = offset + 512;
    if ((type === '0' || type === '\0') && fullPath.split('/').pop() === name) return Buffer.from(archive.subarray(dataStart, dataStart + size));
    offset = dataStart + Math.ceil(size / 512) * 512;
  }
  return null;
}

function readText(header: Buffer, start: number, length: number): string {
  const field = header.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? field.length : end).toString('utf8');
}
