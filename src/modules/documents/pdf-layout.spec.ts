import { PDFDocument } from 'pdf-lib';
import { PdfWriter } from './pdf-layout.js';

const pageCount = async (bytes: Uint8Array) => (await PDFDocument.load(bytes)).getPageCount();

describe('PdfWriter', () => {
  it('creates a document with a first page even when nothing is written', async () => {
    expect(await pageCount(await (await PdfWriter.create('Vide')).save())).toBe(1);
  });

  it('adds no page to an extended document until something is written', async () => {
    const original = await (await PdfWriter.create('Original')).save();
    expect(await pageCount(await (await PdfWriter.extend(original)).save())).toBe(1);
  });

  it('writes an extension on a new page after the existing ones', async () => {
    const original = await (await PdfWriter.create('Original')).save();
    const extended = await PdfWriter.extend(original);
    extended.heading('Annexe');
    extended.paragraph('Suite.');
    expect(await pageCount(await extended.save())).toBe(2);
  });
});
