import { PDFDocument } from 'pdf-lib';
import { ContentInfo, SignedData } from 'pkijs';
import { PdfWriter } from '../../documents/pdf-layout.js';
import { pdfsig, pdfsigMissing, pdfsigRequired, withPdfsig as withPoppler } from '../../../../test/support/pdfsig.js';
import { sealPdf } from './pdf-sealer.js';
import { generateSelfSignedSealingCredentials, loadSealingCredentials, type SealingCredentials } from './sealing-credentials.js';

const info = { reason: 'Scellement FairePlace', name: 'FairePlace', location: 'Paris, FR', contactInfo: 'contact@faireplace.fr', signingTime: new Date('2026-11-27T10:00:00Z') };


async function credentials(modulusLength: 2048 | 4096 = 2048, chainLength = 0): Promise<SealingCredentials> {
  const { keyPem, certPem } = await generateSelfSignedSealingCredentials('FairePlace Sandbox Seal', { modulusLength });
  const chain = await Promise.all(Array.from({ length: chainLength }, () => generateSelfSignedSealingCredentials('FairePlace Test CA')));
  return loadSealingCredentials(keyPem, [certPem, ...chain.map((issuer) => issuer.certPem)].join('\n'));
}

async function leasePdf(): Promise<Uint8Array> {
  const writer = await PdfWriter.create('Bail');
  writer.title('Contrat de location');
  writer.paragraph('Le bailleur loue au locataire le logement décrit ci-dessous.');
  return writer.save();
}

/** The /ByteRange signpdf wrote, and the DER CMS in /Contents without its zero padding. */
function signatureOf(sealed: Buffer): { byteRange: number[]; signedBytes: Buffer; cms: SignedData } {
  const byteRange = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\]/.exec(sealed.toString('latin1'))!.slice(1).map(Number);
  const [start, firstLength, secondStart, secondLength] = byteRange;
  const signedBytes = Buffer.concat([sealed.subarray(start, start + firstLength), sealed.subarray(secondStart, secondStart + secondLength)]);
  const contents = Buffer.from(sealed.subarray(firstLength + 1, secondStart - 1).toString('latin1'), 'hex');
  const contentInfo = ContentInfo.fromBER(contents.subarray(0, derLength(contents)));
  return { byteRange, signedBytes, cms: new SignedData({ schema: contentInfo.content }) };
}

function derLength(der: Buffer): number {
  if (der[1] < 0x80) return 2 + der[1];
  const lengthBytes = der[1] & 0x7f;
  return 2 + lengthBytes + der.subarray(2, 2 + lengthBytes).readUIntBE(0, lengthBytes);
}


function flipByteAfter(pdf: Buffer, marker: string): Buffer {
  const tampered = Buffer.from(pdf);
  const at = tampered.indexOf(marker) + marker.length;
  tampered[at] ^= 0x01;
  return tampered;
}

describe('sealPdf', () => {
  let sealingCredentials: SealingCredentials;
  let sealed: Buffer;
  beforeAll(async () => {
    sealingCredentials = await credentials();
    sealed = await sealPdf(await leasePdf(), sealingCredentials, info);
  });

  it('covers the whole file but the signature value', () => {
    const { byteRange } = signatureOf(sealed);
    expect(byteRange[0]).toBe(0);
    expect(byteRange[2] + byteRange[3]).toBe(sealed.length);
  });

  it('writes a detached CAdES CMS with the PAdES B-B signed attributes and no signing-time', async () => {
    const { signedBytes, cms } = signatureOf(sealed);
    expect(cms.encapContentInfo.eContent).toBeUndefined();
    const attributes = cms.signerInfos[0].signedAttrs!.attributes.map((attribute) => attribute.type);
    expect(attributes).toEqual(['1.2.840.113549.1.9.3', '1.2.840.113549.1.9.4', '1.2.840.113549.1.9.16.2.47']);
    expect(cms.certificates).toHaveLength(1);
    expect(await cms.verify({ signer: 0, data: new Uint8Array(signedBytes).buffer })).toBe(true);
  });

  it('records the seal information and its time in the signature dictionary, and keeps the pages', async () => {
    const text = sealed.toString('latin1');
    expect(text).toContain('/SubFilter /ETSI.CAdES.detached');
    expect(text).toContain('/M (D:20261127100000Z)');
    expect(text).toContain('/Reason (Scellement FairePlace)');
    expect((await PDFDocument.load(sealed)).getPageCount()).toBe(1);
  });

  it('has pdfsig when CI requires it', () => {
    if (pdfsigRequired && pdfsigMissing) throw new Error('REQUIRE_PDFSIG=1 but pdfsig is not on PATH: install poppler-utils');
  });

  withPoppler('is a valid ETSI.CAdES.detached signature of the total document for pdfsig', () => {
    const report = pdfsig(sealed);
    expect(report).toContain('Signature Type: ETSI.CAdES.detached');
    expect(report).toContain('Total document signed');
    expect(report).toContain('Signature Validation: Signature is Valid.');
    // Self-signed: intact, but its issuer is trusted by no one.
    expect(report).toContain('Signer Certificate Common Name: FairePlace Sandbox Seal');
  });

  const tamperings = [
    ['the first signed range (header comment)', '%PDF-1.7\n%'],
    ['the second signed range (seal reason)', '/Reason (Scellement'],
  ];

  it.each(tamperings)('no longer verifies when one byte of %s changes', async (_label, marker) => {
    const { signedBytes, cms } = signatureOf(flipByteAfter(sealed, marker));
    await expect(cms.verify({ signer: 0, data: new Uint8Array(signedBytes).buffer })).rejects.toThrow("Message digest doesn't match");
  });

  withPoppler.each(tamperings)('is reported broken by pdfsig when one byte of %s changes, and still opens', (_label, marker) => {
    const report = pdfsig(flipByteAfter(sealed, marker));
    expect(report).not.toContain('Signature is Valid');
    expect(report).toMatch(/Signature Validation: (Digest Mismatch|Signature is Invalid)/);
  });

  describe('with a 4096-bit key and a certificate chain', () => {
    let large: Buffer;
    beforeAll(async () => {
      large = await sealPdf(await leasePdf(), await credentials(4096, 2), info);
    });

    it('fits the CMS, all three certificates included, in its placeholder', async () => {
      const { signedBytes, cms } = signatureOf(large);
      expect(cms.certificates).toHaveLength(3);
      expect(await cms.verify({ signer: 0, data: new Uint8Array(signedBytes).buffer })).toBe(true);
    });

    withPoppler('is valid for pdfsig', () => {
      const report = pdfsig(large);
      expect(report).toContain('Signature is Valid');
      expect(report).toContain('Total document signed');
    });
  });
});
