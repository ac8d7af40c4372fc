import type { SignableKind } from '../signable.js';

const DOCUMENTS: Record<SignableKind, { fr: string; en: string }> = {
  lease: { fr: 'un contrat de location', en: 'a lease' },
  amendment: { fr: 'un avenant à un contrat de location', en: 'a lease amendment' },
  condition_report: { fr: 'un état des lieux', en: 'a condition report' },
};

const frenchDate = (date: Date) => new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(date);
const englishDate = (date: Date) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(date);

export interface SigningLinkMessageInput {
  kind: SignableKind;
  name: string;
  url: string;
  expiresAt: Date;
  /** Signers before this one: the page tells them when their turn comes. */
  signersBefore: number;
  channel: 'email' | 'sms';
}

/**
 * The invitation that carries a signer's link: French first, then English; the SMS is one short
 * French line. The link is personal: forwarding it lets someone else ask for the signer's code
 * page (the code still goes to the signer's own address or phone).
 */
export function signingLinkMessage({ kind, name, url, expiresAt, signersBefore, channel }: SigningLinkMessageInput): { subject: string; body: string } {
  const subject = 'Document à signer électroniquement / Document to sign';
  if (channel === 'sms') {
    return { subject, body: `FairePlace : ${DOCUMENTS[kind].fr} vous attend pour signature. Lien personnel, valable jusqu'au ${frenchDate(expiresAt)} : ${url}` };
  }
  const waitFr = signersBefore > 0 ? `\nVous signerez après ${signersBefore === 1 ? 'un autre signataire' : `${signersBefore} autres signataires`} : la page vous indique quand c'est votre tour.` : '';
  const waitEn = signersBefore > 0 ? `\nYou sign after ${signersBefore === 1 ? 'one other signer' : `${signersBefore} other signers`}: the page tells you when it is your turn.` : '';
  const body = [
    `Bonjour ${name},`,
    '',
    `Vous êtes invité(e) à signer électroniquement ${DOCUMENTS[kind].fr}. Lisez-le et signez-le sur cette page personnelle, avec un code à usage unique que nous vous enverrons :`,
    url,
    `Ce lien est valable jusqu'au ${frenchDate(expiresAt)}. Il vous est personnel : ne le transférez pas.${waitFr}`,
    '',
    '—',
    '',
    `Hello ${name},`,
    '',
    `You are invited to sign ${DOCUMENTS[kind].en} electronically. Read and sign it on your personal page, with a one-time code we will send you:`,
    url,
    `This link is valid until ${englishDate(expiresAt)}. It is personal: do not forward it.${waitEn}`,
  ].join('\n');
  return { subject, body };
}
