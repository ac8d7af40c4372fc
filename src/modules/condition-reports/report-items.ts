import { type FieldError, ValidationFailedError } from '../../core/errors/domain-errors.js';
import type { ItemKind, ReportItem } from './condition-report.entity.js';

/** What a report of a unit lists, read from its rooms and equipment. */
export interface UnitInventory {
  rooms: { id: string; room_type: string; designation: string }[];
  equipment: { id: string; name: string; equipment_type: string; place_id: string | null; estate_id: string | null; room_id: string | null; installed_at: string | null }[];
}

/** A change to one item, as sent: absent keeps, `null` clears, a value sets. */
export type ItemChange = { key: string } & Partial<Omit<ReportItem, 'key'>>;

/** Floors age differently: tiles where water runs, concrete in a garage, parquet elsewhere. */
const FLOOR_KINDS: Record<string, ItemKind> = { bathroom: 'flooring_tiles', kitchen: 'flooring_tiles', balcony: 'flooring_tiles', garage: 'other' };

/**
 * Equipment types are free text (`boiler`, `Chaudière`, `lave_vaisselle`): the first word that
 * names a kind decides, English or French. Words of 4 letters or more match as prefixes.
 */
const EQUIPMENT_WORDS: [ItemKind, string[]][] = [
  ['sanitary', ['sink', 'evier', 'toilet', 'wc', 'shower', 'douche', 'bath', 'baignoire', 'basin', 'washbasin', 'lavabo', 'vasque', 'tap', 'faucet', 'mitigeur', 'robinet', 'bidet']],
  ['appliance', ['oven', 'four', 'fridge', 'refrigerat', 'frigo', 'freezer', 'congelateur', 'dishwasher', 'vaisselle', 'washing', 'linge', 'dryer', 'hob', 'plaque', 'cooktop', 'stove', 'cuisiniere', 'hood', 'hotte', 'microwave', 'micro', 'boiler', 'chaudiere', 'heater', 'chauffe', 'heat', 'pompe', 'radiat', 'climatis', 'conditioning']],
  ['joinery', ['door', 'porte', 'window', 'fenetre', 'shutter', 'volet', 'blind', 'store', 'closet', 'placard', 'cupboard', 'wardrobe', 'cabinet', 'stair', 'escalier']],
  ['electrical', ['light', 'lamp', 'luminaire', 'socket', 'outlet', 'prise', 'switch', 'interrupteur', 'electri', 'intercom', 'interphone', 'digicode', 'doorbell', 'sonnette', 'smoke', 'detecteur', 'alarm', 'meter', 'compteur', 'tableau']],
];

export function defaultItemKind(equipmentType: string): ItemKind {
  const words = equipmentType.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  for (const word of words) {
    for (const [kind, names] of EQUIPMENT_WORDS) {
      if (names.some((name) => (name.length >= 4 ? word.startsWith(name) : word === name))) return kind;
    }
  }
  return 'other';
}

const blank = (item: Pick<ReportItem, 'key' | 'label' | 'item_kind'> & Partial<ReportItem>): ReportItem => ({
  room_id: null, equipment_id: null, condition: null, notes: null, media_ids: [], repair_cost: null, installed_on: null, ...item,
});

/**
 * A new report's items: walls, floor and ceiling of each room, then each piece of equipment. An
 * exit report starts from its entry report's items (same keys, kinds and dates, conditions blank),
 * so that the two compare item by item, plus what the unit gained since.
 */
export function prefillItems(inventory: UnitInventory, entryItems: ReportItem[] = []): ReportItem[] {
  const fromUnit: ReportItem[] = [
    ...inventory.rooms.flatMap((room) => [
      blank({ key: `room:${room.id}:walls`, room_id: room.id, label: 'Murs', item_kind: 'paint' }),
      blank({ key: `room:${room.id}:floor`, room_id: room.id, label: 'Sol', item_kind: FLOOR_KINDS[room.room_type] ?? 'flooring_parquet' }),
      blank({ key: `room:${room.id}:ceiling`, room_id: room.id, label: 'Plafond', item_kind: 'paint' }),
    ]),
    ...inventory.equipment.map((equipment) =>
      blank({ key: `equipment:${equipment.id}`, room_id: equipment.room_id, equipment_id: equipment.id, label: equipment.name, item_kind: defaultItemKind(equipment.equipment_type), installed_on: equipment.installed_at }),
    ),
  ];
  const carried = entryItems.map(({ key, room_id, equipment_id, label, item_kind, installed_on }) => blank({ key, room_id, equipment_id, label, item_kind, installed_on }));
  const known = new Set(carried.map((item) => item.key));
  return [...carried, ...fromUnit.filter((item) => !known.has(item.key))];
}

/**
 * Applies a PUT's item changes: a known key is updated field by field, an unknown key adds an
 * item (it needs a label and a kind), `removals` removes. Order is kept; new items go last.
 */
export function applyItemChanges(current: ReportItem[], changes: ItemChange[] = [], removals: string[] = []): ReportItem[] {
  const items = new Map(current.map((item) => [item.key, item]));
  const errors: FieldError[] = [];
  const changed = new Set(changes.map((change) => change.key));
  removals.forEach((key, index) => {
    if (!items.has(key)) errors.push({ field: `remove_items.${index}`, message: `no item has the key ${key}` });
    else if (changed.has(key)) errors.push({ field: `remove_items.${index}`, message: `${key} is both changed and removed` });
    items.delete(key);
  });
  changes.forEach((change, index) => {
    const given = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)) as ItemChange;
    const existing = items.get(change.key);
    if (existing) items.set(change.key, { ...existing, ...given });
    else if (given.label && given.item_kind) items.set(change.key, blank({ ...given, label: given.label, item_kind: given.item_kind }));
    else if (!removals.includes(change.key)) errors.push({ field: `items.${index}`, message: `a new item (${change.key}) needs a label and an item_kind` });
  });
  if (errors.length > 0) throw new ValidationFailedError(errors);
  return [...items.values()];
}
