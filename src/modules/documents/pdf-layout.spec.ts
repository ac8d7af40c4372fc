import { PDFDocument } from 'pdf-lib';
import { PdfWriter } from './pdf-layout.js';
import { readPdf } from '../../../test/support/pdf.js';

const pageCount = async (bytes: Uint8Array) => (await PDFDocument.load(bytes)).getPageCount();

const pageTexts = async (bytes: Uint8Array) => (await readPdf(bytes)).pages;

/** The index of the page each of `lines` is on (-1: nowhere). */
const pagesOf = (pages: string[], lines: string[]) => lines.map((line) => pages.findIndex((text) => text.split('\n').includes(line)));

/** A writer with `count` one-line paragraphs already written: the next block starts lower and lower. */
async function filledWith(count: number): Promise<PdfWriter> {
  const writer = await PdfWriter.create('Essai');
  for (let line = 1; line <= count; line++) writer.paragraph(`Remplissage ${line}`);
  return writer;
}

const BLOCK = ['Bloc ligne 1', 'Bloc ligne 2', 'Bloc ligne 3', 'Bloc ligne 4', 'Bloc ligne 5'];

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

  describe('keepTogether', () => {
    // A page holds about 45 one-line paragraphs: 38 to 48 puts the block across the first break.
    const fillings = Array.from({ length: 11 }, (_, index) => 38 + index);

    it('splits a plain block somewhere in that range (the cases below do test something)', async () => {
      const split = [];
      for (const filling of fillings) {
        const writer = await filledWith(filling);
        for (const line of BLOCK) writer.paragraph(line);
        split.push(new Set(pagesOf(await pageTexts(await writer.save()), BLOCK)).size > 1);
      }
      expect(split).toContain(true);
    });

    it.each(fillings)('keeps a block on one page after %p lines, and loses no line', async (filling) => {
      const writer = await filledWith(filling);
      writer.keepTogether(() => BLOCK.forEach((line) => writer.paragraph(line)));
      writer.paragraph('Après le bloc');
      const pages = await pageTexts(await writer.save());
      const blockPages = pagesOf(pages, BLOCK);
      expect(new Set(blockPages).size).toBe(1);
      expect(blockPages[0]).toBeGreaterThanOrEqual(0);
      expect(pagesOf(pages, Array.from({ length: filling }, (_, index) => `Remplissage ${index + 1}`))).not.toContain(-1);
      expect(pages.join('\n').split('Bloc ligne 1').length - 1).toBe(1); // measured, not drawn twice
    });

    it('opens no blank page for a block at the top of a page, even one taller than the page', async () => {
      const writer = await PdfWriter.create('Essai');
      writer.keepTogether(() => {
        for (let line = 1; line <= 60; line++) writer.paragraph(`Long bloc ${line}`);
      });
      const pages = await pageTexts(await writer.save());
      expect(pages).toHaveLength(2);
      expect(pages[0]).toContain('Long bloc 1\n');
    });

    it('keeps each signature block whole: the signatory and the mention on one page', async () => {
      for (const filling of fillings) {
        const writer = await filledWith(filling - 10);
        writer.signatureBlock('Le bailleur : Claire Dubois', 'Lyon');
        writer.signatureBlock('Le locataire : Zoë Ørsted-Łukasiewicz', 'Lyon');
        const pages = await pageTexts(await writer.save());
        for (const label of ['Le bailleur : Claire Dubois', 'Le locataire : Zoë Ørsted-Łukasiewicz']) {
          const page = pages.find((text) => text.includes(label)) ?? '';
          const block = page.slice(page.indexOf(label)).split('Signature')[0];
          expect(block).toContain('« Lu et approuvé »');
          expect(block).toContain('Fait à Lyon, le');
        }
      }
    });
  });

  it('does not break a line inside an amount, between a number and its unit, or a day and its month', async () => {
    const writer = await PdfWriter.create('Essai');
    for (let words = 0; words < 30; words++) writer.paragraph(`${'mot '.repeat(words + 60)}1 234 567,89 € et 54,3 m² le 1er mars 2027 et le 15 août.`);
    const text = (await pageTexts(await writer.save())).join('\n');
    for (const together of ['1 234 567,89 €', '54,3 m²', '1er mars', '15 août']) expect(text.split(together).length - 1).toBe(30);
  });
});
