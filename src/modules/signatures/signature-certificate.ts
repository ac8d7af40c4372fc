import { PdfWriter } from '../documents/pdf-layout.js';

export interface CertificateData {
  signatureId: string;
  documentSha256: string;
  completedAt: Date;
  signers: { position: number; type: string; name: string; contact: string; completedAt: Date }[];
}

const TYPES: Record<string, string> = { owner: 'Bailleur', tenant: 'Locataire', guarantor: 'Garant', agent: 'Mandataire' };
const when = (date: Date) =>
  new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'medium', timeZone: 'UTC' }).format(date).replace(/[\u202f\u00a0]/g, ' ') + ' UTC';

/** The signed document: the original PDF, unchanged, followed by a signature certificate page. */
export async function appendSignatureCertificate(original: Uint8Array, data: CertificateData): Promise<Uint8Array> {
  // The certificate starts on its own page: an extended writer opens one at its first line.
  const pdf = await PdfWriter.extend(original);
  pdf.title('Certificat de signature électronique');
  pdf.paragraph('Ce document a été signé électroniquement par chacun des signataires ci-dessous, chacun ayant confirmé son identité par un code à usage unique envoyé à son adresse ou à son numéro.', { after: 8 });
  pdf.field('Référence de la signature', data.signatureId);
  pdf.field('Empreinte SHA-256 du document signé (pages précédentes)', data.documentSha256);
  pdf.field('Signature achevée le', when(data.completedAt));
  pdf.heading('Signataires');
  pdf.table(
    ['Ordre', 'Qualité', 'Nom', 'Contact', 'Signé le'],
    data.signers.map((signer) => [String(signer.position), TYPES[signer.type] ?? signer.type, signer.name, signer.contact, when(signer.completedAt)]),
    [0.8, 1.5, 3, 2.5, 3],
  );
  pdf.paragraph('Le journal de preuve (événements horodatés et chaînés par SHA-256) est disponible auprès de la plateforme et vérifiable indépendamment.', { size: 8 });
  return pdf.save();
}
