import { PDFDocument } from 'pdf-lib';
import { PdfWriter } from '../documents/pdf-layout.js';
import { appendSignatureCertificate, type CertificateData } from './signature-certificate.js';

const certificate: CertificateData = {
  signatureId: 'sig-1',
  documentSha256: 'a'.repeat(64),
  completedAt: new Date('2026-11-27T10:00:00Z'),
  signers: [{ position: 1, type: 'owner', name: 'Camille Martin', contact: 'c***@example.fr', completedAt: new Date('2026-11-27T09:59:00Z') }],
};

async function onePageDocument(): Promise<Uint8Array> {
  const writer = await PdfWriter.create('Bail');
  writer.title('Contrat de location');
  writer.paragraph('Une seule page.');
  return writer.save();
}

const pageCount = async (bytes: Uint8Array) => (await PDFDocument.load(bytes)).getPageCount();

describe('appendSignatureCertificate', () => {
  it('adds exactly one page after the original: the certificate, with no blank page between', async () => {
    const original = await onePageDocument();
    expect(await pageCount(original)).toBe(1);
    expect(await pageCount(await appendSignatureCertificate(original, certificate))).toBe(2);
  });
});
