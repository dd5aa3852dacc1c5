/** A PNG's pixel size from its IHDR chunk (the first chunk, right after the 8-byte signature). */
export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function pngSize(bytes: Buffer): { width: number; height: number } {
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG file');
  if (bytes.toString('latin1', 12, 16) !== 'IHDR') throw new Error('PNG without IHDR as its first chunk');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
