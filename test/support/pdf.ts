import { PDFParse } from 'pdf-parse';

/** A supertest parser that keeps a binary response's raw bytes (a PDF, an image): `.buffer(true).parse(binary)`. */
export const binary = (response: import('superagent').Response, done: (error: Error | null, body: Buffer) => void): void => {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
};

/** A PDF's text, whitespace collapsed (documents are compared as text), and each page's raw text. */
export async function readPdf(bytes: Uint8Array): Promise<{ text: string; pages: string[] }> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    const result = await parser.getText();
    return { text: result.text.replace(/\s+/g, ' '), pages: result.pages.map((page) => page.text) };
  } finally {
    await parser.destroy();
  }
}

export const pdfText = async (bytes: Uint8Array): Promise<string> => (await readPdf(bytes)).text;
