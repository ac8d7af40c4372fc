import { PDFDocument } from 'pdf-lib';
import { PdfWriter } from './pdf-layout.js';
import { stampSpecimen } from './specimen-watermark.js';
import { readPdf } from '../../../test/support/pdf.js';

async function threePageDocument(): Promise<Uint8Array> {
  const writer = await PdfWriter.create('Bail');
  for (const page of [1, 2, 3]) {
    if (page > 1) writer.newPage();
    writer.paragraph(`Page ${page} du contrat.`);
  }
  return writer.save();
}

const pageTexts = async (bytes: Uint8Array) => (await readPdf(bytes)).pages;

describe('stampSpecimen', () => {
  it('writes the default mark, en dash included, on every page and keeps the content', async () => {
    const stamped = await stampSpecimen(await threePageDocument());
    const texts = await pageTexts(stamped);
    expect(texts).toHaveLength(3);
    texts.forEach((text, index) => {
      expect(text).toContain('SPECIMEN – SANDBOX');
      expect(text).toContain(`Page ${index + 1} du contrat.`);
    });
  });

  it('writes a given text', async () => {
    const texts = await pageTexts(await stampSpecimen(await threePageDocument(), { text: 'Exemplaire de démonstration' }));
    for (const text of texts) expect(text).toContain('Exemplaire de démonstration');
  });

  it('leaves the pages before fromPage alone', async () => {
    const texts = await pageTexts(await stampSpecimen(await threePageDocument(), { fromPage: 2 }));
    expect(texts.map((text) => text.includes('SPECIMEN – SANDBOX'))).toEqual([false, false, true]);
  });

  it('stamps a page whose box does not start at the origin', async () => {
    const document = await PDFDocument.create();
    document.addPage([400, 300]).setMediaBox(50, 50, 300, 200);
    const texts = await pageTexts(await stampSpecimen(await document.save()));
    expect(texts[0]).toContain('SPECIMEN – SANDBOX');
  });
});
