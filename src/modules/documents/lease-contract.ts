import type { Estate } from '../estates/estate.entity.js';
import type { LeaseCharge } from '../leases/charges/lease-charge.entity.js';
import type { Lease } from '../leases/lease.entity.js';
import type { Lessee } from '../lessees/lessee.entity.js';
import type { Owner } from '../owners/owner.entity.js';
import type { Place } from '../places/place.entity.js';
import { frenchLongDate } from './french-dates.js';
import { euros, personName, sectionNumbers, squareMetres } from './lease-contract-text.js';
import { PdfWriter } from './pdf-layout.js';
import { writeResidentialClauses } from './residential-lease-clauses.js';

export interface LeaseContractData {
  lease: Lease;
  estate: Estate;
  place: Place;
  owner: Owner;
  parties: { role: 'tenant' | 'guarantor'; lessee: Lessee }[];
  charges: LeaseCharge[];
}

const LEASE_TITLES: Record<Lease['lease_type'], { title: string; law: string; duration: string }> = {
  unfurnished: { title: 'Contrat de location — logement vide', law: 'Soumis au titre Ier de la loi n° 89-462 du 6 juillet 1989', duration: '3 ans (6 ans si le bailleur est une personne morale)' },
  furnished: { title: 'Contrat de location — logement meublé', law: 'Soumis au titre Ier bis de la loi n° 89-462 du 6 juillet 1989', duration: '1 an' },
  student: { title: 'Contrat de location meublée — bail étudiant', law: 'Soumis au titre Ier bis de la loi n° 89-462 du 6 juillet 1989', duration: '9 mois' },
  commercial: { title: 'Bail commercial', law: 'Soumis aux articles L. 145-1 et suivants du Code de commerce', duration: '9 ans' },
  parking: { title: 'Contrat de location — emplacement de stationnement', law: 'Régi par les articles 1709 et suivants du Code civil', duration: 'selon les dates ci-dessous' },
};
const ESTATE_TYPES: Record<Estate['estate_type'], string> = {
  apartment: 'Appartement', house: 'Maison', studio: 'Studio', room: 'Chambre', parking: 'Stationnement', commercial: 'Local commercial', office: 'Bureau', other: 'Autre',
};
const CHARGE_CATEGORIES: Record<LeaseCharge['category'], string> = {
  water: 'Eau', heating: 'Chauffage', elevator: 'Ascenseur', cleaning: 'Entretien', waste_tax: 'Taxe d\'ordures ménagères', insurance: 'Assurance', other: 'Autre',
};
const FREQUENCIES: Record<LeaseCharge['frequency'], string> = { monthly: 'mensuelle', quarterly: 'trimestrielle', yearly: 'annuelle', one_time: 'ponctuelle' };
const SETTLEMENT: Record<NonNullable<Lease['charge_settlement_mode']>, string> = {
  provision: 'provisions sur charges avec régularisation annuelle',
  flat_rate: 'forfait de charges',
  periodic: 'remboursement périodique sur justificatifs',
};

/** Dwellings let under loi n° 89-462: the contrat type's clauses apply to them. */
const RESIDENTIAL: ReadonlySet<Lease['lease_type']> = new Set(['unfurnished', 'furnished', 'student']);

/** The lease contract, in French, as the parties will read and sign it. */
export async function renderLeaseContract(data: LeaseContractData): Promise<Uint8Array> {
  const { lease, estate, place, owner, parties, charges } = data;
  const kind = LEASE_TITLES[lease.lease_type];
  const numbered = sectionNumbers();
  const pdf = await PdfWriter.create(`${kind.title} — ${estate.name}`);
  pdf.title(kind.title);
  pdf.paragraph(kind.law, { center: true, size: 9, after: 10 });
  if (lease.reference_number) pdf.paragraph(`Référence : ${lease.reference_number}`, { center: true, size: 9 });

  pdf.heading(numbered('Désignation des parties'));
  pdf.paragraph('Le bailleur :', { bold: true });
  pdf.field('Nom', personName(owner));
  if (owner.registration_number) pdf.field('Immatriculation', owner.registration_number);
  const ownerAddress = [owner.street_name, owner.postal_code, owner.city].filter(Boolean).join(', ');
  if (ownerAddress) pdf.field('Adresse', ownerAddress);
  if (owner.email) pdf.field('Courriel', owner.email);
  const tenants = parties.filter((party) => party.role === 'tenant');
  const guarantors = parties.filter((party) => party.role === 'guarantor');
  pdf.paragraph(tenants.length > 1 ? 'Les locataires (solidaires) :' : 'Le locataire :', { bold: true });
  for (const { lessee } of tenants) pdf.field('Nom', `${personName(lessee)}${lessee.birth_date ? `, né(e) le ${frenchLongDate(lessee.birth_date)}` : ''}`);
  if (tenants.length === 0) pdf.field('Nom', 'à compléter');
  if (guarantors.length > 0) {
    pdf.paragraph(guarantors.length > 1 ? 'Les garants :' : 'Le garant :', { bold: true });
    for (const { lessee } of guarantors) pdf.field('Nom', personName(lessee));
  }

  pdf.heading(numbered('Objet du contrat'));
  const street = [place.street_number, place.street_name].filter(Boolean).join(' ');
  pdf.field('Adresse du logement', [street, place.address_complement, `${place.postal_code} ${place.city}`].filter(Boolean).join(', '));
  pdf.field('Immeuble', `${place.name}${place.legal_regime ? ` (${place.legal_regime === 'copropriete' ? 'copropriété' : place.legal_regime})` : ''}`);
  pdf.field('Désignation', `${ESTATE_TYPES[estate.estate_type]} « ${estate.name} »${estate.lot_number ? `, lot n° ${estate.lot_number}` : ''}`);
  if (estate.area !== null) pdf.field('Surface habitable', squareMetres(estate.area));
  if (estate.number_of_room !== null) pdf.field('Nombre de pièces principales', String(estate.number_of_room));
  if (estate.floor !== null) pdf.field('Étage', estate.floor === 0 ? 'rez-de-chaussée' : String(estate.floor));

  pdf.heading(numbered('Date de prise d\'effet et durée'));
  pdf.field('Prise d\'effet', frenchLongDate(lease.start_date));
  pdf.field('Durée', lease.end_date ? `jusqu'au ${frenchLongDate(lease.end_date)}` : kind.duration);

  pdf.heading(numbered('Conditions financières'));
  const period = lease.rent_frequency === 'quarterly' ? 'par trimestre' : 'par mois';
  pdf.field('Loyer hors charges', `${euros(lease.rent_amount)} ${period}`);
  if (lease.charges_amount !== null) pdf.field('Charges récupérables', `${euros(lease.charges_amount)} ${period}`);
  if (lease.charge_settlement_mode) pdf.field('Modalité de règlement des charges', SETTLEMENT[lease.charge_settlement_mode]);
  if (lease.payment_day !== null) pdf.field('Date de paiement', `le ${lease.payment_day} de chaque ${lease.rent_frequency === 'quarterly' ? 'trimestre' : 'mois'}, à terme à échoir`);
  const residential = RESIDENTIAL.has(lease.lease_type);
  // A dwelling's deposit is stated with its return rules, under Garanties.
  if (!residential) pdf.field('Dépôt de garantie', lease.deposit_amount !== null ? euros(lease.deposit_amount) : 'néant');

  pdf.heading(numbered('Charges'));
  if (charges.length === 0) pdf.paragraph('Aucune charge particulière n\'est prévue.', { indent: 8 });
  else {
    pdf.table(
      ['Libellé', 'Catégorie', 'Montant', 'Périodicité', 'Récupérable'],
      charges.map((charge) => [charge.label, CHARGE_CATEGORIES[charge.category], euros(charge.amount), FREQUENCIES[charge.frequency], charge.recoverable ? 'oui' : 'non']),
      [3, 2.2, 1.6, 1.6, 1.4],
    );
  }
  if (residential) writeResidentialClauses(pdf, data, numbered);

  const signatories = [
    `Le bailleur : ${personName(owner)}`,
    ...tenants.map(({ lessee }) => `Le locataire : ${personName(lessee)}`),
    ...guarantors.map(({ lessee }) => `Le garant : ${personName(lessee)}`),
  ];
  // The section's heading stays with the first block: a page never ends on "Signatures".
  const signaturesTitle = numbered('Signatures');
  pdf.keepTogether(() => {
    pdf.heading(signaturesTitle);
    pdf.paragraph(`Fait en ${1 + parties.length} exemplaires originaux, à ${place.city}.`);
    pdf.signatureBlock(signatories[0], place.city);
  });
  for (const signatory of signatories.slice(1)) pdf.signatureBlock(signatory, place.city);
  return pdf.save();
}
