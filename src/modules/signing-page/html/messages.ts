import type { SignableKind } from '../../signatures/signable.js';
import type { SignerType } from '../../signatures/signature.entities.js';
import type { Language } from './language.js';

/** Every word of the hosted signing page, per language. `{name}` placeholders are filled by the page. */
export interface Messages {
  locale: string;
  title: string;
  brand: string;
  skipLink: string;
  otherLanguage: { code: Language; label: string };
  sandbox: string;
  headings: Record<SignableKind, string>;
  greeting: string;
  roles: Record<SignerType, string>;
  validUntil: string;
  summaryTitle: string;
  fields: {
    reference: string; property: string; unit: string; landlord: string; tenants: string; guarantors: string;
    leaseType: string; start: string; end: string; rent: string; rentQuarterly: string; charges: string;
    amendmentType: string; effective: string; description: string; reportKind: string; performedOn: string;
  };
  leaseTypes: Record<string, string>;
  amendmentTypes: Record<string, string>;
  reportKinds: Record<'entry' | 'exit', string>;
  documentTitle: string;
  download: string;
  pdfLoading: string;
  signTitle: string;
  channels: Record<'email' | 'sms', string>;
  ready: string;
  sendCode: string;
  codeSent: string;
  codeLabel: string;
  codeHint: string;
  consent: string;
  signButton: string;
  resend: string;
  waiting: { one: string; many: string };
  refresh: string;
  stateTitles: Record<'waiting' | 'signed' | 'locked' | 'expired' | 'cancelled', string>;
  signed: string;
  signedNext: string;
  locked: string;
  expired: string;
  cancelled: string;
  noscript: string;
  footer: string;
  generic: { title: string; lead: string; body: string };
  tooMany: { title: string; body: string };
  /** Status messages the page's script announces (live region). */
  client: Record<
    'sending' | 'codeSent' | 'signing' | 'invalidCode' | 'codeExpired' | 'cooldown' | 'tooMany' | 'error' | 'codeFormat' | 'consentRequired' | 'pdfPage' | 'pdfFailed' | 'pdfReady' | 'askCodeFirst',
    string
  >;
}

const fr: Messages = {
  locale: 'fr-FR',
  title: 'Signature électronique',
  brand: 'FairePlace',
  skipLink: 'Aller à la signature',
  otherLanguage: { code: 'en', label: 'English' },
  sandbox: 'Environnement de test (sandbox) : ce document n’a aucune valeur juridique, et le code 000000 est accepté.',
  headings: { lease: 'Contrat de location à signer', amendment: 'Avenant au contrat de location à signer', condition_report: 'État des lieux à signer' },
  greeting: 'Bonjour {name}, vous êtes invité(e) à signer ce document en tant que {role}.',
  roles: { owner: 'bailleur', tenant: 'locataire', guarantor: 'garant', agent: 'mandataire' },
  validUntil: 'Ce lien personnel est valable jusqu’au {date}.',
  summaryTitle: 'Le document en bref',
  fields: {
    reference: 'Référence', property: 'Logement', unit: 'Lot', landlord: 'Bailleur', tenants: 'Locataire(s)', guarantors: 'Garant(s)',
    leaseType: 'Type de bail', start: 'Début du bail', end: 'Fin du bail', rent: 'Loyer mensuel hors charges', rentQuarterly: 'Loyer trimestriel hors charges', charges: 'Charges',
    amendmentType: 'Objet de l’avenant', effective: 'Prend effet le', description: 'Description', reportKind: 'Type', performedOn: 'Réalisé le',
  },
  leaseTypes: { unfurnished: 'Logement vide', furnished: 'Logement meublé', student: 'Bail étudiant', commercial: 'Bail commercial', parking: 'Stationnement' },
  amendmentTypes: { duration_change: 'Changement de durée', renewal: 'Renouvellement', rent_change: 'Changement de loyer', co_tenant_added: 'Arrivée d’un colocataire', co_tenant_removed: 'Départ d’un colocataire', other: 'Autre' },
  reportKinds: { entry: 'État des lieux d’entrée', exit: 'État des lieux de sortie' },
  documentTitle: 'Lire le document',
  download: 'Télécharger le document (PDF)',
  pdfLoading: 'Chargement du document…',
  signTitle: 'Signer',
  channels: { email: 'par e-mail à', sms: 'par SMS au' },
  ready: 'Pour signer, demandez un code à 6 chiffres : nous l’envoyons {channel} {contact}.',
  sendCode: 'Recevoir un code',
  codeSent: 'Un code a été envoyé {channel} {contact}. Il est valable 5 minutes.',
  codeLabel: 'Code à 6 chiffres',
  codeHint: 'Saisissez le code reçu, sans espace.',
  consent: 'J’ai lu le document et j’accepte de le signer électroniquement.',
  signButton: 'Signer le document',
  resend: 'Recevoir un nouveau code',
  waiting: {
    one: 'Ce n’est pas encore votre tour : un autre signataire doit signer avant vous. Revenez sur ce même lien ensuite.',
    many: 'Ce n’est pas encore votre tour : {count} autres signataires doivent signer avant vous. Revenez sur ce même lien ensuite.',
  },
  refresh: 'Vérifier à nouveau',
  stateTitles: { waiting: 'En attente des autres signataires', signed: 'Document signé', locked: 'Signature bloquée', expired: 'Lien expiré', cancelled: 'Demande plus active' },
  signed: 'Merci : vous avez signé le document.',
  signedNext: 'La personne qui vous a invité(e) recevra le document signé dès que tous les signataires auront signé. Vous pouvez fermer cette page.',
  locked: 'Trop de codes erronés : cette signature est bloquée pour vous. Contactez la personne qui vous a invité(e) pour recommencer.',
  expired: 'Le délai de signature est dépassé : ce lien n’est plus valable. Contactez la personne qui vous a invité(e).',
  cancelled: 'Cette demande de signature n’est plus active : elle a été annulée ou traitée entre-temps. Contactez la personne qui vous a invité(e) si besoin.',
  noscript: 'Cette page a besoin de JavaScript pour afficher le document et le signer. Vous pouvez le télécharger ci-dessus.',
  footer: 'Signature électronique par code à usage unique. L’envoi et la validation du code sont enregistrés avec votre adresse IP et votre navigateur : ils constituent la preuve de la signature.',
  generic: {
    title: 'Lien de signature non valable',
    lead: 'Ce lien de signature n’est pas valable, ou ne l’est plus.',
    body: 'Si vous avez déjà signé, vous n’avez rien d’autre à faire. Sinon, le délai a pu expirer ou la demande avoir été annulée : contactez la personne qui vous a invité(e) à signer.',
  },
  tooMany: { title: 'Trop de demandes', body: 'Trop de demandes ont été faites depuis votre connexion ou pour ce lien. Réessayez dans une minute.' },
  client: {
    sending: 'Envoi du code…',
    codeSent: 'Code envoyé : saisissez-le ci-dessous.',
    signing: 'Signature en cours…',
    invalidCode: 'Ce code n’est pas le bon. Essais restants : {count}.',
    codeExpired: 'Ce code a expiré : demandez-en un nouveau.',
    cooldown: 'Un code vient d’être envoyé : vous pourrez en demander un autre dans {seconds} secondes.',
    tooMany: 'Trop de demandes : réessayez dans {seconds} secondes.',
    error: 'Une erreur est survenue : réessayez dans un instant.',
    codeFormat: 'Le code se compose de 6 chiffres.',
    consentRequired: 'Cochez la case pour confirmer que vous acceptez de signer.',
    pdfPage: 'Page {page} sur {total}',
    pdfFailed: 'Le document ne peut pas s’afficher ici : téléchargez-le pour le lire.',
    pdfReady: 'Document affiché : {total} page(s).',
    askCodeFirst: 'Demandez d’abord un code.',
  },
};

const en: Messages = {
  locale: 'en-GB',
  title: 'Electronic signature',
  brand: 'FairePlace',
  skipLink: 'Skip to signing',
  otherLanguage: { code: 'fr', label: 'Français' },
  sandbox: 'Test environment (sandbox): this document has no legal effect, and the code 000000 is accepted.',
  headings: { lease: 'Lease to sign', amendment: 'Lease amendment to sign', condition_report: 'Condition report to sign' },
  greeting: 'Hello {name}, you are invited to sign this document as {role}.',
  roles: { owner: 'landlord', tenant: 'tenant', guarantor: 'guarantor', agent: 'agent' },
  validUntil: 'This personal link is valid until {date}.',
  summaryTitle: 'The document at a glance',
  fields: {
    reference: 'Reference', property: 'Property', unit: 'Unit', landlord: 'Landlord', tenants: 'Tenant(s)', guarantors: 'Guarantor(s)',
    leaseType: 'Lease type', start: 'Lease starts', end: 'Lease ends', rent: 'Monthly rent excluding charges', rentQuarterly: 'Quarterly rent excluding charges', charges: 'Charges',
    amendmentType: 'Amendment', effective: 'Takes effect on', description: 'Description', reportKind: 'Type', performedOn: 'Carried out on',
  },
  leaseTypes: { unfurnished: 'Unfurnished home', furnished: 'Furnished home', student: 'Student lease', commercial: 'Commercial lease', parking: 'Parking' },
  amendmentTypes: { duration_change: 'Change of term', renewal: 'Renewal', rent_change: 'Rent change', co_tenant_added: 'Co-tenant joining', co_tenant_removed: 'Co-tenant leaving', other: 'Other' },
  reportKinds: { entry: 'Move-in condition report', exit: 'Move-out condition report' },
  documentTitle: 'Read the document',
  download: 'Download the document (PDF)',
  pdfLoading: 'Loading the document…',
  signTitle: 'Sign',
  channels: { email: 'by email to', sms: 'by text message to' },
  ready: 'To sign, ask for a 6-digit code: we send it {channel} {contact}.',
  sendCode: 'Send me a code',
  codeSent: 'A code was sent {channel} {contact}. It is valid for 5 minutes.',
  codeLabel: '6-digit code',
  codeHint: 'Type the code you received, without spaces.',
  consent: 'I have read the document and agree to sign it electronically.',
  signButton: 'Sign the document',
  resend: 'Send me a new code',
  waiting: {
    one: 'It is not your turn yet: another signer must sign before you. Come back to this same link afterwards.',
    many: 'It is not your turn yet: {count} other signers must sign before you. Come back to this same link afterwards.',
  },
  refresh: 'Check again',
  stateTitles: { waiting: 'Waiting for the other signers', signed: 'Document signed', locked: 'Signature locked', expired: 'Link expired', cancelled: 'Request no longer active' },
  signed: 'Thank you: you have signed the document.',
  signedNext: 'The person who invited you will receive the signed document once every signer has signed. You can close this page.',
  locked: 'Too many wrong codes: this signature is locked for you. Contact the person who invited you to start again.',
  expired: 'The time to sign is over: this link is no longer valid. Contact the person who invited you.',
  cancelled: 'This signature request is no longer active: it was cancelled or completed in the meantime. Contact the person who invited you if needed.',
  noscript: 'This page needs JavaScript to show the document and sign it. You can download it above.',
  footer: 'Electronic signature with a one-time code. Sending and validating the code are recorded with your IP address and browser: they make up the proof of the signature.',
  generic: {
    title: 'Signing link not valid',
    lead: 'This signing link is not valid, or no longer.',
    body: 'If you have already signed, there is nothing else to do. Otherwise the time to sign may be over or the request cancelled: contact the person who invited you to sign.',
  },
  tooMany: { title: 'Too many requests', body: 'Too many requests were made from your connection or for this link. Try again in a minute.' },
  client: {
    sending: 'Sending the code…',
    codeSent: 'Code sent: type it below.',
    signing: 'Signing…',
    invalidCode: 'This code is not right. Attempts left: {count}.',
    codeExpired: 'This code has expired: ask for a new one.',
    cooldown: 'A code was just sent: you can ask for another one in {seconds} seconds.',
    tooMany: 'Too many requests: try again in {seconds} seconds.',
    error: 'Something went wrong: try again in a moment.',
    codeFormat: 'The code is 6 digits.',
    consentRequired: 'Tick the box to confirm that you agree to sign.',
    pdfPage: 'Page {page} of {total}',
    pdfFailed: 'The document cannot be shown here: download it to read it.',
    pdfReady: 'Document shown: {total} page(s).',
    askCodeFirst: 'Ask for a code first.',
  },
};

export const MESSAGES: Record<Language, Messages> = { fr, en };

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
