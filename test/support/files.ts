/** Minimal real files of each accepted type (valid headers, tiny bodies). */
export const SAMPLE_FILES = {
  pdf: Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'),
  png: Buffer.from(
    '89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
    'hex',
  ),
  jpeg: Buffer.concat([Buffer.from('ffd8ffe000104a46494600010100000100010000ffdb004300', 'hex'), Buffer.alloc(64, 1), Buffer.from('ffd9', 'hex')]),
  webp: Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x1a, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(14, 0)]),
};

/** A body of `size` bytes that starts like a PDF (so only its size can be wrong). */
export function pdfOfSize(size: number): Buffer {
  const bytes = Buffer.alloc(size, 0x20);
  SAMPLE_FILES.pdf.copy(bytes, 0, 0, Math.min(size, SAMPLE_FILES.pdf.length));
  return bytes;
}
