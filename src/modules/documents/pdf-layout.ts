import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';

const require = createRequire(import.meta.url);
/** DejaVu Sans: Unicode coverage for names in any Latin, Greek or Cyrillic script, accents, €. */
const FONT_FILES = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
};
export const fontBytes = { regular: readFileSync(FONT_FILES.regular), bold: readFileSync(FONT_FILES.bold) };

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;

/**
 * A minimal flowing-text writer over pdf-lib: paragraphs wrap at the margins and pages break by
 * themselves, so a document is written top to bottom without coordinates.
 */
export class PdfWriter {
  /** No page until something is written: extending a document must not leave a blank page. */
  private page: PDFPage | undefined;
  private y = 0;

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
    this.openPage();
  }

  private openPage(): PDFPage {
    this.page = this.document.addPage(A4);
    this.y = A4[1] - MARGIN;
    return this.page;
  }

  /** The page to draw the next `height` points on: the current one, or a new one when it is full. */
  private ensure(height: number): PDFPage {
    if (this.page && this.y - height >= MARGIN) return this.page;
    return this.openPage();
  }

  title(text: string): void {
    this.paragraph(text, { size: 16, bold: true, center: true, after: 6 });
  }

  heading(text: string): void {
    this.space(8);
    this.paragraph(text, { size: 12, bold: true, after: 4 });
  }

  paragraph(text: string, options: { size?: number; bold?: boolean; center?: boolean; after?: number; indent?: number } = {}): void {
    const size = options.size ?? 10;
    const font = options.bold ? this.bold : this.regular;
    const indent = options.indent ?? 0;
    for (const line of wrap(text, font, size, this.width - indent)) {
      const page = this.ensure(size * 1.4);
      const lineWidth = font.widthOfTextAtSize(line, size);
      const x = options.center ? MARGIN + (this.width - lineWidth) / 2 : MARGIN + indent;
      page.drawText(line, { x, y: this.y - size, size, font, color: rgb(0.1, 0.1, 0.1) });
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
        lines.forEach((line, lineIndex) => page.drawText(line, { x: x + 3, y: this.y - 11 - lineIndex * 12.6, size: 9, font }));
        x += columns[index];
      });
      page.drawLine({ start: { x: MARGIN, y: this.y - height }, end: { x: MARGIN + this.width, y: this.y - height }, thickness: 0.5, color: rgb(0.6, 0.6, 0.6) });
      this.y -= height;
    };
    drawRow(headers, true);
    for (const row of rows) drawRow(row, false);
    this.y -= 6;
  }

  /** Side-by-side boxes to sign in, one per signatory. */
  signatureBlocks(labels: string[]): void {
    const perRow = 2;
    const boxWidth = (this.width - 20) / perRow;
    for (let start = 0; start < labels.length; start += perRow) {
      const page = this.ensure(110);
      labels.slice(start, start + perRow).forEach((label, index) => {
        const x = MARGIN + index * (boxWidth + 20);
        page.drawRectangle({ x, y: this.y - 100, width: boxWidth, height: 100, borderWidth: 0.7, borderColor: rgb(0.4, 0.4, 0.4) });
        wrap(label, this.bold, 9, boxWidth - 10).forEach((line, lineIndex) =>
          page.drawText(line, { x: x + 5, y: this.y - 14 - lineIndex * 12, size: 9, font: this.bold }),
        );
        page.drawText('« Lu et approuvé », date et signature', { x: x + 5, y: this.y - 94, size: 8, font: this.regular, color: rgb(0.4, 0.4, 0.4) });
      });
      this.y -= 112;
    }
  }

  space(points: number): void {
    this.y -= points;
  }

  save(): Promise<Uint8Array> {
    return this.document.save();
  }
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width || !line) line = candidate;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  return lines;
}
