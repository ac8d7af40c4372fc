import { fileTypeFromBuffer } from 'file-type';
import { MEDIA_TYPES, type MediaType } from '../media.entity.js';

/** The type from the file's first bytes (magic numbers), or undefined when it is not one we accept. */
export async function sniffMediaType(head: Buffer): Promise<MediaType | undefined> {
  const detected = await fileTypeFromBuffer(head);
  return detected && (MEDIA_TYPES as readonly string[]).includes(detected.mime) ? (detected.mime as MediaType) : undefined;
}

/**
 * The name shown back and offered on download: no directories (`../`, `C:\\`), no control
 * characters, no leading dots, at most 200 characters. It is never used to build a path.
 */
export function cleanFilename(original: string): string {
  const base = original.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\t\n\r]/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 200);
  return cleaned || 'file';
}
