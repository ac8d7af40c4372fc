import { formatEuros, toCents } from '../../core/money/money.js';
import { DEPOSIT_CAP_MONTHS } from '../leases/lease-rules.js';
import { frenchLongDate } from './french-dates.js';
import type { LeaseContractData } from './lease-contract.js';
import { euros, personName, squareMetres } from './lease-contract-text.js';
import type { PdfWriter } from './pdf-layout.js';

type Numbered = (title: string) => string;

const LOI_89 = 'loi n° 89-462 du 6 juillet 1989';
const CLIMAT = 'article 159 de la loi n° 2021-1104 du 22 août 2021 dite « Climat et résilience »';
/** From when a class no longer meets the energy performance of a decent dwelling (art. 6, loi n° 89-462). */
const INDECENT_FROM: Partial<Record<string, string>> = { G: '2025-01-01', F: '2028-01-01', E: '2034-01-01' };

/**
 * The clauses the contrat type (décret n° 2015-587 du 29 mai 2015, annexe) requires of a dwelling
 * let under loi n° 89-462, empty or furnished, beyond the parties, the object and the money.
 */
export function writeResidentialClauses(pdf: PdfWriter, data: LeaseContractData, numbered: Numbered): void {
  writeRevision(pdf, data, numbered);
  if (data.place.rent_control) writeRentControl(pdf, data, numbered);
  writeEnergyPerformance(pdf, data, numbered);
  writeGuarantees(pdf, data, numbered);
  writeSolidarity(pdf, data, numbered);
  writeTermination(pdf, data, numbered);
  writeAnnexes(pdf, data, numbered);
}

/** F and G: no rent increase of any kind (art. 159, loi « Climat et résilience »). */
const rentFrozen = ({ estate }: LeaseContractData) => estate.energy_label === 'F' || estate.energy_label === 'G';

/** 'T2-2026' → '2e trimestre 2026 (T2-2026)'. */
function quarterName(quarter: string | null): string {
  if (!quarter) return 'non précisé (à défaut, celui du dernier indice publié à la date de signature du contrat)';
  const [number, year] = [quarter.slice(1, 2), quarter.slice(3)];
  return `${number === '1' ? '1er' : `${number}e`} trimestre ${year} (${quarter})`;
}

function writeRevision(pdf: PdfWriter, data: LeaseContractData, numbered: Numbered): void {
  const { lease } = data;
  pdf.heading(numbered('Révision du loyer'));
  const when = lease.revision_date
    ? `le ${frenchLongDate(lease.revision_date)}, puis chaque année à cette date`
    : `chaque année à la date anniversaire de la prise d'effet du contrat (le ${frenchLongDate(lease.start_date).replace(/ \d{4}$/, '')})`;
  pdf.paragraph(`Le loyer est révisé ${when}, selon la variation de l'indice de référence des loyers (IRL) publié par l'INSEE (article 17-1 de la ${LOI_89}).`);
  pdf.field('Trimestre de référence de l\'IRL', quarterName(lease.irl_reference_quarter));
  pdf.paragraph(
    'Le loyer révisé est au plus égal au loyer en cours multiplié par le dernier IRL publié du trimestre de référence, divisé par l\'IRL du même trimestre de l\'année précédente. ' +
      'Le bailleur qui ne demande pas la révision dans l\'année suivant sa date y renonce pour l\'année écoulée ; demandée dans ce délai, elle prend effet à la date de la demande.',
  );
  if (rentFrozen(data)) pdf.paragraph(`Toutefois, le logement étant classé ${data.estate.energy_label}, le loyer ne peut pas être révisé tant que sa classe reste F ou G (voir « Performance énergétique »).`);
}

/** '22,40 € par m² et par mois, soit 1 216,32 € par mois pour 54,3 m²'. */
function perSquareMetre(rate: number | null, area: number | null): string {
  if (rate === null) return 'non renseigné';
  const perMonth = `${euros(rate)} par m² et par mois`;
  if (area === null) return perMonth;
  // Cents × hundredths of m², back to cents: integers throughout, rounded to the nearest cent.
  const total = Math.round((toCents(rate) * toCents(area)) / 100);
  return `${perMonth}, soit ${formatEuros(total)} par mois pour ${squareMetres(area)}`;
}

function writeRentControl(pdf: PdfWriter, { lease, estate, place }: LeaseContractData, numbered: Numbered): void {
  pdf.heading(numbered('Encadrement des loyers'));
  pdf.paragraph(
    `Le logement est situé dans une commune où s'applique l'encadrement du niveau des loyers (article 140 de la loi n° 2018-1021 du 23 novembre 2018 dite « ELAN » et article 17 de la ${LOI_89}). ` +
      'Le loyer de base, hors complément de loyer, ne peut excéder le loyer de référence majoré.',
  );
  pdf.field('Loyer de référence', perSquareMetre(place.reference_rent_per_m2, estate.area));
  pdf.field('Loyer de référence majoré', perSquareMetre(place.increased_reference_rent_per_m2, estate.area));
  if (!lease.rent_supplement) {
    pdf.field('Complément de loyer', 'néant');
    return;
  }
  pdf.field('Complément de loyer', `${euros(lease.rent_supplement)} par mois`);
  pdf.paragraph(
    'Un complément de loyer n\'est possible que pour un logement présentant des caractéristiques de localisation ou de confort déterminantes par comparaison avec les logements ' +
      'de la même catégorie situés dans le même secteur géographique ; ces caractéristiques le justifient et sont mentionnées au contrat. Le locataire peut contester le complément ' +
      'devant la commission départementale de conciliation dans les trois mois suivant la signature du contrat.',
  );
}

function writeEnergyPerformance(pdf: PdfWriter, data: LeaseContractData, numbered: Numbered): void {
  const label = data.estate.energy_label;
  pdf.heading(numbered('Performance énergétique'));
  pdf.field('Classe énergétique du logement (DPE)', label ?? 'non renseignée');
  pdf.paragraph('Le diagnostic de performance énergétique est annexé au présent contrat.', { indent: 8 });
  if (rentFrozen(data)) {
    pdf.paragraph(
      `Le logement étant classé ${label}, son loyer ne peut faire l'objet d'aucune révision, majoration ou réévaluation, y compris au renouvellement du contrat ou à une nouvelle location (${CLIMAT}).`,
      { bold: true },
    );
  }
  const indecentFrom = label ? INDECENT_FROM[label] : undefined;
  if (indecentFrom) {
    pdf.paragraph(`À compter du ${frenchLongDate(indecentFrom)}, un logement de classe ${label} n'atteint pas le niveau de performance énergétique minimal d'un logement décent (article 6 de la ${LOI_89}).`);
  }
}

function writeGuarantees(pdf: PdfWriter, { lease, parties }: LeaseContractData, numbered: Numbered): void {
  pdf.heading(numbered('Garanties'));
  pdf.field('Dépôt de garantie', lease.deposit_amount ? euros(lease.deposit_amount) : 'néant');
  if (lease.deposit_amount) {
    const months = DEPOSIT_CAP_MONTHS[lease.lease_type];
    const article = lease.lease_type === 'unfurnished' ? 'article 22' : 'articles 22 et 25-6';
    pdf.paragraph(
      `${months ? `Il ne peut excéder ${months === 1 ? 'un mois' : 'deux mois'} de loyer hors charges. ` : ''}` +
        'Il est restitué dans un délai maximal d\'un mois à compter de la remise des clés lorsque l\'état des lieux de sortie est conforme à l\'état des lieux d\'entrée, ' +
        'et de deux mois dans le cas contraire, déduction faite des sommes restant dues au bailleur et dûment justifiées. À défaut, le solde restant dû est majoré de 10 % du loyer ' +
        `mensuel hors charges pour chaque période mensuelle commencée en retard (${article} de la ${LOI_89}).`,
      { indent: 8 },
    );
  }
  const guarantors = parties.filter((party) => party.role === 'guarantor').map(({ lessee }) => personName(lessee));
  pdf.field(guarantors.length > 1 ? 'Cautions' : 'Caution', guarantors.length > 0 ? guarantors.join(', ') : 'aucune');
}

function writeSolidarity(pdf: PdfWriter, { parties }: LeaseContractData, numbered: Numbered): void {
  const tenants = parties.filter((party) => party.role === 'tenant');
  const guarantors = parties.filter((party) => party.role === 'guarantor');
  if (tenants.length < 2 && guarantors.length === 0) return;
  pdf.heading(numbered(tenants.length > 1 ? 'Solidarité et cautionnement' : 'Cautionnement'));
  if (tenants.length > 1) {
    pdf.paragraph('Clause de solidarité', { bold: true });
    pdf.paragraph(
      'Les locataires sont tenus solidairement et indivisiblement de l\'exécution de toutes les obligations du présent contrat, notamment du paiement du loyer et des charges. ' +
        'La solidarité d\'un locataire qui donne congé, et celle de la personne qui s\'est portée caution pour lui, prennent fin lorsqu\'un nouveau locataire figure au bail ' +
        `ou, à défaut, six mois après la date d'effet du congé (article 8-1 de la ${LOI_89}).`,
    );
  }
  if (guarantors.length > 0) {
    pdf.paragraph('Engagement de la caution', { bold: true });
    pdf.paragraph(
      `${guarantors.map(({ lessee }) => personName(lessee)).join(', ')} ${guarantors.length > 1 ? 'se portent cautions' : 'se porte caution'} des obligations du ou des locataires ` +
        'nées du présent contrat (loyer, charges, réparations locatives), dans la limite du montant et pour la durée fixés par l\'acte de cautionnement annexé. ' +
        `Le bailleur remet à la caution un exemplaire du présent contrat (article 22-1 de la ${LOI_89}).`,
    );
  }
}

const NOTICE: Record<'unfurnished' | 'furnished' | 'student', { tenant: string; landlord: string | null; article: string }> = {
  unfurnished: { tenant: 'de trois mois', landlord: 'de six mois', article: 'article 15' },
  furnished: { tenant: 'd\'un mois', landlord: 'de trois mois', article: 'article 25-8' },
  // A nine-month student lease is not renewed: it ends at its term, with no notice to give.
  student: { tenant: 'd\'un mois', landlord: null, article: 'article 25-8' },
};

function writeTermination(pdf: PdfWriter, { lease, place }: LeaseContractData, numbered: Numbered): void {
  const notice = NOTICE[lease.lease_type as keyof typeof NOTICE];
  pdf.heading(numbered('Congé'));
  let tenant = `Le locataire peut donner congé à tout moment, avec un préavis ${notice.tenant}`;
  if (lease.lease_type === 'unfurnished') {
    tenant +=
      ', réduit à un mois lorsque le logement est situé dans une zone tendue' +
      `${place.rent_control ? ' (c\'est le cas : la commune applique l\'encadrement des loyers)' : ''}, ` +
      'ou en cas d\'obtention d\'un premier emploi, de mutation, de perte d\'emploi ou de nouvel emploi consécutif à une perte d\'emploi, d\'état de santé justifiant un changement ' +
      'de domicile, pour le bénéficiaire du revenu de solidarité active ou de l\'allocation aux adultes handicapés, ou en cas d\'attribution d\'un logement social';
  }
  pdf.paragraph(`${tenant} (${notice.article} de la ${LOI_89}).`);
  pdf.paragraph(
    notice.landlord
      ? `Le bailleur peut donner congé pour le terme du contrat, avec un préavis ${notice.landlord}, s'il reprend le logement pour l'habiter ou le faire habiter par un proche ` +
          `désigné par la loi, s'il le vend, ou pour un motif légitime et sérieux, notamment l'inexécution par le locataire de l'une de ses obligations (${notice.article} de la ${LOI_89}).`
      : `Le bail étudiant de neuf mois n'est pas reconduit tacitement : il prend fin à son terme sans congé du bailleur (article 25-7 de la ${LOI_89}).`,
  );
  pdf.paragraph(
    'Le congé est notifié par lettre recommandée avec demande d\'avis de réception, signifié par acte de commissaire de justice ou remis en main propre contre récépissé ou émargement ; ' +
      'le délai de préavis court à compter du jour de sa réception.',
  );
}

function writeAnnexes(pdf: PdfWriter, { lease, place, parties }: LeaseContractData, numbered: Numbered): void {
  const furnished = lease.lease_type !== 'unfurnished';
  const annexes = [
    'Dossier de diagnostic technique : diagnostic de performance énergétique (DPE) ; constat de risque d\'exposition au plomb (CREP) pour un immeuble construit avant ' +
      'le 1er janvier 1949 ; état des installations intérieures d\'électricité et de gaz de plus de quinze ans ; état des risques (naturels, miniers, technologiques, sismiques, ' +
      'radon) ; diagnostic bruit dans les zones d\'exposition au bruit des aérodromes ; état relatif à l\'amiante, le cas échéant',
    'Notice d\'information relative aux droits et obligations des locataires et des bailleurs',
    'État des lieux d\'entrée',
    ...(furnished ? ['Inventaire et état détaillé du mobilier'] : []),
    ...(place.legal_regime === 'copropriete'
      ? ['Extraits du règlement de copropriété : destination de l\'immeuble, jouissance et usage des parties privatives et communes, quote-part du lot loué dans chaque catégorie de charges']
      : []),
    ...(parties.some((party) => party.role === 'guarantor') ? ['Acte de cautionnement'] : []),
    'Le cas échéant, autorisation préalable de mise en location ou récépissé de la déclaration de mise en location',
    'Le cas échéant, références aux loyers habituellement constatés dans le voisinage pour des logements comparables',
  ];
  pdf.heading(numbered('Annexes'));
  pdf.paragraph('Sont annexés au présent contrat :');
  for (const annex of annexes) pdf.paragraph(`☐ ${annex}`, { indent: 8 });
}
