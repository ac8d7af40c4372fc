import type { webcrypto } from 'node:crypto';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { DEFAULT_SIGNATURE_LENGTH, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { PDFDocument } from 'pdf-lib';
import { CadesDetachedSigner } from './cades-detached-signer.js';
import type { SealingCredentials } from './sealing-credentials.js';

export interface SealInfo {
  reason: string;
  name: string;
  location: string;
  contactInfo: string;
  /** Written as the signature dictionary's M entry: PAdES B-B's claimed signing time. */
  signingTime: Date;
}

/** Room in the CMS for what is not a certificate or the signature value: attributes, names, algorithm ids. */
const CMS_OVERHEAD_BYTES = 2048;

/**
 * Seals a PDF with the platform's certificate: one invisible PAdES B-B signature whose ByteRange
 * covers the whole file. This must be the last change to the document: any later edit, even
 * a re-save by pdf-lib, breaks the seal, and sealing an already signed PDF would break the
 * earlier signature (pdf-lib rewrites the file rather than appending an incremental update).
 */
export async function sealPdf(pdf: Uint8Array, credentials: SealingCredentials, info: SealInfo): Promise<Buffer> {
  // updateMetadata: false keeps the document's own producer and dates: sealing adds, never edits.
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  pdflibAddPlaceholder({
    pdfDoc: document,
    reason: info.reason,
    name: info.name,
    location: info.location,
    contactInfo: info.contactInfo,
    signingTime: info.signingTime,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    signatureLength: placeholderBytes(credentials),
    appName: 'FairePlace',
  });
  // signpdf finds the placeholder by scanning the bytes: it must not be compressed in an object stream.
  const withPlaceholder = await document.save({ useObjectStreams: false });
  return new SignPdf().sign(Buffer.from(withPlaceholder), new CadesDetachedSigner(credentials));
}

/**
 * Bytes reserved for the CMS (the PDF holds twice as many hex digits): its certificates, the RSA
 * signature (as long as the modulus) and fixed overhead, never under signpdf's default.
 */
function placeholderBytes(credentials: SealingCredentials): number {
  const certificates = [credentials.certificateDer, ...(credentials.chainDer ?? [])].reduce((total, der) => total + der.length, 0);
  const { modulusLength } = credentials.privateKey.algorithm as webcrypto.RsaHashedKeyAlgorithm;
  return Math.max(DEFAULT_SIGNATURE_LENGTH, certificates + modulusLength / 8 + CMS_OVERHEAD_BYTES);
}
