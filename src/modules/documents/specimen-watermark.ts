import fontkit from '@pdf-lib/fontkit';
import { degrees, PDFDocument, rgb } from 'pdf-lib';
import { fontBytes } from './pdf-layout.js';

/** Share of the page diagonal the text spans: large enough to cover the page, clear of its corners. */
const DIAGONAL_SHARE = 0.65;
const MAX_FONT_SIZE = 96;

/**
 * Marks every page of a sandbox document as a specimen, so that a PDF made without legal effect
 * cannot pass for a real one once printed or forwarded. The text is drawn over the content, see-through.
 */
export const SPECIMEN_TEXT = 'SPECIMEN – SANDBOX';

/** `fromPage` (0-based) leaves earlier pages alone: pages added to a document stamped already. */
export async function stampSpecimen(pdf: Uint8Array, { text = SPECIMEN_TEXT, fromPage = 0 }: { text?: string; fromPage?: number } = {}): Promise<Uint8Array> {
  const document = await PDFDocument.load(pdf);
  document.registerFontkit(fontkit);
  // DejaVu has the en dash and every accent; a standard font would refuse them.
  const font = await document.embedFont(fontBytes.bold, { subset: true });
  for (const page of document.getPages().slice(fromPage)) {
    const box = page.getCropBox();
    const angle = Math.atan2(box.height, box.width);
    const size = Math.min(MAX_FONT_SIZE, (DIAGONAL_SHARE * Math.hypot(box.width, box.height)) / font.widthOfTextAtSize(text, 1));
    const textWidth = font.widthOfTextAtSize(text, size);
    const capHeight = font.heightAtSize(size, { descender: false });
    // drawText rotates around the start of the baseline: step back half the text along the
    // diagonal, and half its height across it, so the text is centred on the page.
    const x = box.x + box.width / 2 - (textWidth / 2) * Math.cos(angle) + (capHeight / 2) * Math.sin(angle);
    const y = box.y + box.height / 2 - (textWidth / 2) * Math.sin(angle) - (capHeight / 2) * Math.cos(angle);
    page.drawText(text, { x, y, size, font, rotate: degrees((angle * 180) / Math.PI), color: rgb(0.8, 0.1, 0.1), opacity: 0.25 });
  }
  return document.save();
}

export async function pageCount(pdf: Uint8Array): Promise<number> {
  return (await PDFDocument.load(pdf)).getPageCount();
}
