import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import { FRENCH_MONTHS } from './french-dates.js';

const require = createRequire(import.meta.url);
/** DejaVu Sans: Unicode coverage for names in any Latin, Greek or Cyrillic script, accents, €. */
const FONT_FILES = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
};
export const fontBytes = { regular: readFileSync(FONT_FILES.regular), bold: readFileSync(FONT_FILES.bold) };

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const TOP = A4[1] - MARGIN;
/** Room a heading needs below it for its first lines: a heading never ends a page. */
const HEADING_WITH_NEXT_LINES = 80;

/**
 * A minimal flowing-text writer over pdf-lib: paragraphs wrap at the margins and pages break by
 * themselves, so a document is written top to bottom without coordinates.
 */
export class PdfWriter {
  /** No page until something is written: extending a document must not leave a blank page. */
  private page: PDFPage | undefined;
  private y = 0;
  /** Set while a block is measured: nothing is drawn and no page opens, only `y` moves. */
  private measuring = false;

  private constructor(
    readonly document: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {}

  static async create(title: string): Promise<PdfWriter> {
    const document = await PDFDocument.create();
    document.registerFontkit(fontkit);
    document.setTitle(title);
    document.setCreator('FairePlace');
    document.setProducer('FairePlace (pdf-lib)');
    const regular = await document.embedFont(fontBytes.regular, { subset: true });
    const bold = await document.embedFont(fontBytes.bold, { subset: true });
    const writer = new PdfWriter(document, regular, bold);
    // A new document always has a first page, even when nothing is written on it.
    writer.newPage();
    return writer;
  }

  /** Opens a document that already exists: what is written next starts on a page after its own. */
  static async extend(bytes: Uint8Array): Promise<PdfWriter> {
    const document = await PDFDocument.load(bytes);
    document.registerFontkit(fontkit);
    const regular = await document.embedFont(fontBytes.regular, { subset: true });
    const bold = await document.embedFont(fontBytes.bold, { subset: true });
    return new PdfWriter(document, regular, bold);
  }

  private get width(): number {
    return A4[0] - 2 * MARGIN;
  }

  newPage(): void {
    if (!this.measuring) this.openPage();
  }

  private openPage(): PDFPage {
    this.page = this.document.addPage(A4);
    this.y = TOP;
    return this.page;
  }

  /**
   * The page to draw the next `height` points on: the current one, or a new one when it is full.
   * None while measuring: callers draw with `page?.`.
   */
  private ensure(height: number): PDFPage | undefined {
    if (this.measuring) return undefined;
    if (this.page && this.y - height >= MARGIN) return this.page;
    return this.openPage();
  }

  /** Starts a new page when `height` points would not fit on this one (and this one is not fresh). */
  private makeRoom(height: number): void {
    if (!this.measuring && this.page && this.y < TOP && this.y - height < MARGIN) this.openPage();
  }

  /**
   * Writes a block that must not be split across pages (a signature block, a heading with what
   * follows): `write` runs once to measure, drawing nothing, then again for real, on a new page
   * when the block would not fit on what is left of this one. A block taller than a page flows.
   * Because it runs twice, `write` must do nothing but write.
   */
  keepTogether(write: () => void): void {
    if (this.measuring) return write();
    const start = this.y;
    this.measuring = true;
    let height: number;
    try {
      write();
      height = start - this.y;
    } finally {
      this.measuring = false;
      this.y = start;
    }
    this.makeRoom(height);
    write();
  }

  title(text: string): void {
    this.paragraph(text, { size: 16, bold: true, center: true, after: 6 });
  }

  heading(text: string): void {
    this.makeRoom(HEADING_WITH_NEXT_LINES);
    this.space(8);
    this.paragraph(text, { size: 12, bold: true, after: 4 });
  }

  paragraph(text: string, options: { size?: number; bold?: boolean; center?: boolean; after?: number; indent?: number } = {}): void {
    const size = options.size ?? 10;
    const font = options.bold ? this.bold : this.regular;
    const indent = options.indent ?? 0;
    for (const line of wrap(text, font, size, this.width - indent)) {
      const page = this.ensure(size * 1.4);
      const x = options.center ? MARGIN + (this.width - widthOf(line, font, size)) / 2 : MARGIN + indent;
      page?.drawText(line, { x, y: this.y - size, size, font, color: rgb(0.1, 0.1, 0.1) });
      this.y -= size * 1.4;
    }
    this.y -= options.after ?? 2;
  }

  /** "Label : value" lines. */
  field(label: string, value: string): void {
    this.paragraph(`${label} : ${value}`, { indent: 8 });
  }

  /** A simple table: header row in bold, columns of the given relative widths. */
  table(headers: string[], rows: string[][], widths: number[]): void {
    const total = widths.reduce((sum, width) => sum + width, 0);
    const columns = widths.map((width) => (width / total) * this.width);
    const drawRow = (cells: string[], bold: boolean) => {
      const font = bold ? this.bold : this.regular;
      const wrapped = cells.map((cell, index) => wrap(cell, font, 9, columns[index] - 6));
      const height = Math.max(...wrapped.map((lines) => lines.length)) * 12.6 + 4;
      const page = this.ensure(height);
      let x = MARGIN;
      wrapped.forEach((lines, index) => {
        lines.forEach((line, lineIndex) => page?.drawText(line, { x: x + 3, y: this.y - 11 - lineIndex * 12.6, size: 9, font }));
        x += columns[index];
      });
      page?.drawLine({ start: { x: MARGIN, y: this.y - height }, end: { x: MARGIN + this.width, y: this.y - height }, thickness: 0.5, color: rgb(0.6, 0.6, 0.6) });
      this.y -= height;
    };
    drawRow(headers, true);
    for (const row of rows) drawRow(row, false);
    this.y -= 6;
  }

  /**
   * One signatory's block, never split across pages: who signs, the handwritten mention, place
   * and date, and a box to sign in. `place` is where the document is signed, when known.
   */
  signatureBlock(label: string, place?: string): void {
    this.keepTogether(() => {
      this.paragraph(label, { bold: true });
      this.paragraph('Précédé de la mention manuscrite « Lu et approuvé »', { size: 9 });
      this.paragraph(`Fait à ${place ?? '____________________'}, le ____________________`, { size: 9, after: 4 });
      this.box(70, 'Signature');
      this.space(14);
    });
  }

  /** An empty framed area, half the width of the text: room for a signature or a stamp. */
  private box(height: number, caption: string): void {
    const page = this.ensure(height);
    page?.drawRectangle({ x: MARGIN, y: this.y - height, width: this.width / 2, height, borderWidth: 0.7, borderColor: rgb(0.4, 0.4, 0.4) });
    page?.drawText(caption, { x: MARGIN + 5, y: this.y - 12, size: 8, font: this.regular, color: rgb(0.4, 0.4, 0.4) });
    this.y -= height;
  }

  space(points: number): void {
    this.y -= points;
  }

  save(): Promise<Uint8Array> {
    return this.document.save();
  }
}

/** Width of each word at size 1, per embedded font: shaping a word is slow, and words repeat. */
const wordWidths = new WeakMap<PDFFont, Map<string, number>>();

function widthOf(word: string, font: PDFFont, size: number): number {
  let widths = wordWidths.get(font);
  if (!widths) wordWidths.set(font, (widths = new Map()));
  let width = widths.get(word);
  if (width === undefined) widths.set(word, (width = font.widthOfTextAtSize(word, 1)));
  return width * size;
}

/**
 * The lines `text` takes at most `width` points wide. A line's width is the sum of its words' and
 * spaces' (glyph advances add up; nothing joins across a space), so each word is measured once:
 * measuring the whole line again at each word made long paragraphs quadratic.
 */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const space = widthOf(' ', font, size);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let [line, lineWidth] = ['', 0];
    for (const word of unbreakableWords(paragraph)) {
      const wordWidth = widthOf(word, font, size);
      if (!line) [line, lineWidth] = [word, wordWidth];
      else if (lineWidth + space + wordWidth <= width) [line, lineWidth] = [`${line} ${word}`, lineWidth + space + wordWidth];
      else {
        lines.push(line);
        [line, lineWidth] = [word, wordWidth];
      }
    }
    lines.push(line);
  }
  return lines;
}

/**
 * The words a line may break between. French typography keeps a number's groups and the unit
 * after it on one line (1 234,56 €, 54,3 m²), and a day with its month (1er mars): a space there
 * does not break.
 */
function unbreakableWords(text: string): string[] {
  const words: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const previous = words.at(-1);
    if (previous !== undefined && joinsPrevious(previous, word)) words[words.length - 1] = `${previous} ${word}`;
    else words.push(word);
  }
  return words;
}

const joinsPrevious = (previous: string, word: string) =>
  (/\d$/.test(previous) && /^(\d{3}(?!\d)|€|m²)/.test(word)) || (/(^|\s)(\d{1,2}|1er)$/.test(previous) && FRENCH_MONTHS.includes(word.replace(/[,.;:]$/, '')));
