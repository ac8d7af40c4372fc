import { cleanFilename, sniffMediaType } from './file-rules.js';

describe('cleanFilename', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\windows\\win.ini', 'win.ini'],
    ['C:\\Users\\me\\bail.pdf', 'bail.pdf'],
    ['bail\u0000.pdf', 'bail.pdf'],
    ['line\r\nbreak.pdf', 'line break.pdf'],
    ['tab\tname.pdf', 'tab name.pdf'],
    ['.hidden', 'hidden'],
    ['..', 'file'],
    ['', 'file'],
    ['évaluation   DPE.pdf', 'évaluation DPE.pdf'],
    ['rtl\u202egnp.pdf', 'rtlgnp.pdf'],
    [`${'a'.repeat(300)}.pdf`, 'a'.repeat(200)],
  ])('%j → %j', (input, expected) => {
    expect(cleanFilename(input)).toBe(expected);
  });
});

describe('sniffMediaType', () => {
  it.each([
    [Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'), 'application/pdf'],
    [Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), 'image/png'],
    [Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'), 'image/jpeg'],
    [Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WEBPVP8 ')]), 'image/webp'],
    [Buffer.from('GIF89a\x01\x00\x01\x00'), undefined],
    [Buffer.from('<html><script>alert(1)</script></html>'), undefined],
    [Buffer.from('PK\x03\x04'), undefined],
    [Buffer.alloc(0), undefined],
  ])('%#: %s', async (head, expected) => {
    expect(await sniffMediaType(head)).toBe(expected);
  });
});
