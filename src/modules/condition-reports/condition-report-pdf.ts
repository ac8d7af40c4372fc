import { frenchLongDate } from '../documents/french-dates.js';
import { PdfWriter } from '../documents/pdf-layout.js';
import type { Condition, ItemKind, ReportItem, ReportKey, ReportKind, ReportMeter } from './condition-report.entity.js';

export interface ConditionReportDocument {
  kind: ReportKind;
  performedOn: string;
  /** Exit: the date of the entry report it is compared with (décret n° 2016-382, art. 2), when there is one. */
  entryPerformedOn: string | null;
  landlord: { name: string; address: string | null };
  tenants: string[];
  property: { address: string; unit: string; city: string };
  rooms: { id: string; designation: string }[];
  items: ReportItem[];
  meters: ReportMeter[];
  keys: ReportKey[];
  forwardingAddress: string | null;
  notes: string | null;
}

const LAW = 'article 3-2 de la loi n° 89-462 du 6 juillet 1989';
export const CONDITION_LABELS: Record<Condition, string> = { new: 'Neuf', good: 'Bon état', fair: 'État d\'usage', poor: 'Mauvais état', broken: 'Hors service' };
const KIND_LABELS: Record<ItemKind, string> = {
  paint: 'Peinture', wallpaper: 'Papier peint', flooring_carpet: 'Moquette', flooring_parquet: 'Parquet', flooring_tiles: 'Carrelage',
  sanitary: 'Sanitaire', joinery: 'Menuiserie', electrical: 'Électricité', appliance: 'Appareil', other: 'Autre',
};
const METER_LABELS: Record<ReportMeter['type'], string> = { electricity: 'Électricité', gas: 'Gaz', water_cold: 'Eau froide', water_hot: 'Eau chaude', heating: 'Chauffage', other: 'Autre' };

/**
 * The état des lieux as the parties sign it (décret n° 2016-382 du 30 mars 2016): its kind and
 * date, the parties, the dwelling, the meters, the keys, each room's elements and their
 * condition, the lessee's new address at exit, and the mentions of art. 3-2 of loi n° 89-462.
 */
export async function renderConditionReport(data: ConditionReportDocument): Promise<Uint8Array> {
  const entry = data.kind === 'entry';
  const title = entry ? 'État des lieux d\'entrée' : 'État des lieux de sortie';
  const pdf = await PdfWriter.create(`${title} — ${data.property.unit}`);
  pdf.title(title);
  pdf.paragraph(`Établi contradictoirement et amiablement par les parties (${LAW} ; décret n° 2016-382 du 30 mars 2016)`, { center: true, size: 9 });
  pdf.paragraph(`Réalisé le ${frenchLongDate(data.performedOn)}`, { center: true, bold: true, after: 6 });
  if (!entry) pdf.paragraph(`État des lieux d'entrée : ${data.entryPerformedOn ? `du ${frenchLongDate(data.entryPerformedOn)}` : 'non communiqué'}`, { center: true, size: 9 });
  writeParties(pdf, data);
  writeMetersAndKeys(pdf, data);
  writeItems(pdf, data);
  pdf.heading('Légende des états');
  pdf.paragraph(Object.values(CONDITION_LABELS).join(' ; '), { size: 9 });
  if (data.notes) {
    pdf.heading('Observations générales');
    pdf.paragraph(data.notes);
  }
  writeMentions(pdf, entry);
  writeSignatures(pdf, data);
  return pdf.save();
}

function writeParties(pdf: PdfWriter, { landlord, tenants, property, kind, forwardingAddress }: ConditionReportDocument): void {
  pdf.heading('Bailleur');
  pdf.field('Nom', landlord.name);
  if (landlord.address) pdf.field('Adresse', landlord.address);
  pdf.heading(tenants.length > 1 ? 'Locataires' : 'Locataire');
  for (const tenant of tenants) pdf.field('Nom', tenant);
  if (kind === 'exit') pdf.field('Nouvelle adresse', forwardingAddress ?? 'non communiquée');
  pdf.heading('Logement');
  pdf.field('Adresse', property.address);
  pdf.field('Lot', property.unit);
}

function writeMetersAndKeys(pdf: PdfWriter, { meters, keys, kind }: ConditionReportDocument): void {
  pdf.heading('Relevés des compteurs');
  if (meters.length === 0) pdf.paragraph('Aucun relevé.', { indent: 8 });
  else pdf.table(['Compteur', 'Numéro', 'Relevé', 'Unité'], meters.map((meter) => [METER_LABELS[meter.type], meter.number ?? '—', String(meter.reading).replace('.', ','), meter.unit ?? '']), [2, 3, 2, 1]);
  pdf.heading(kind === 'entry' ? 'Clés et moyens d\'accès remis au locataire' : 'Clés et moyens d\'accès restitués par le locataire');
  if (keys.length === 0) pdf.paragraph('Aucun.', { indent: 8 });
  else pdf.table(['Désignation', 'Nombre'], keys.map((key) => [key.label, String(key.count)]), [5, 1]);
}

/** Room by room, in the unit's order; what hangs on no room (the unit's, the building's) last. */
function writeItems(pdf: PdfWriter, { rooms, items }: ConditionReportDocument): void {
  const known = new Set(rooms.map((room) => room.id));
  const sections = [
    ...rooms.map((room) => ({ title: room.designation, items: items.filter((item) => item.room_id === room.id) })),
    { title: 'Autres éléments et équipements', items: items.filter((item) => !item.room_id || !known.has(item.room_id)) },
  ];
  for (const section of sections.filter((candidate) => candidate.items.length > 0)) {
    pdf.heading(section.title);
    pdf.table(['Élément', 'Nature', 'État', 'Observations'], section.items.map(itemRow), [3, 2, 2, 4]);
  }
}

function itemRow(item: ReportItem): string[] {
  const photos = item.media_ids.length === 0 ? '' : `${item.media_ids.length} photo${item.media_ids.length > 1 ? 's' : ''} jointe${item.media_ids.length > 1 ? 's' : ''}`;
  return [item.label, KIND_LABELS[item.item_kind], item.condition ? CONDITION_LABELS[item.condition] : 'Non renseigné', [item.notes, photos].filter(Boolean).join(' — ')];
}

function writeMentions(pdf: PdfWriter, entry: boolean): void {
  pdf.heading('Mentions');
  pdf.paragraph(`Le présent état des lieux est établi contradictoirement et amiablement par le bailleur, ou son mandataire, et le locataire ; chaque partie en reçoit un exemplaire (${LAW}).`, { size: 9 });
  if (entry) {
    pdf.paragraph(
      'Le locataire peut demander au bailleur, ou à son mandataire, de compléter le présent état des lieux dans un délai de dix jours à compter de son établissement. ' +
        `Pendant le premier mois de la période de chauffe, il peut demander que l'état des lieux soit complété par l'état des éléments de chauffage (${LAW}).`,
      { size: 9 },
    );
  } else {
    pdf.paragraph(
      'Le dépôt de garantie est restitué dans un délai d\'un mois à compter de la remise des clés lorsque le présent état des lieux est conforme à l\'état des lieux d\'entrée, ' +
        'de deux mois dans le cas contraire, déduction faite des sommes restant dues au bailleur et dûment justifiées (article 22 de la loi n° 89-462 du 6 juillet 1989).',
      { size: 9 },
    );
  }
}

function writeSignatures(pdf: PdfWriter, { landlord, tenants, property }: ConditionReportDocument): void {
  const signatories = [`Le bailleur ou son mandataire : ${landlord.name}`, ...tenants.map((tenant) => `Le locataire : ${tenant}`)];
  // The heading stays with the first block: a page never ends on "Signatures".
  pdf.keepTogether(() => {
    pdf.heading('Signatures');
    pdf.signatureBlock(signatories[0], property.city);
  });
  for (const signatory of signatories.slice(1)) pdf.signatureBlock(signatory, property.city);
}
