import { ValidationFailedError } from '../../core/errors/domain-errors.js';
import type { ReportItem } from './condition-report.entity.js';
import { applyItemChanges, defaultItemKind, prefillItems, type UnitInventory } from './report-items.js';

const inventory: UnitInventory = {
  rooms: [{ id: 'r1', room_type: 'bedroom', designation: 'Chambre' }, { id: 'r2', room_type: 'bathroom', designation: 'Salle de bains' }],
  equipment: [
    { id: 'e1', name: 'Chaudière', equipment_type: 'Chaudière gaz', place_id: null, estate_id: 'u', room_id: null, installed_at: '2019-05-01' },
    { id: 'e2', name: 'Lavabo', equipment_type: 'washbasin', place_id: null, estate_id: null, room_id: 'r2', installed_at: null },
  ],
};

describe('condition report items', () => {
  it('lists walls, floor and ceiling of each room, then the equipment, with sensible kinds', () => {
    const items = prefillItems(inventory);
    expect(items.map((item) => [item.key, item.label, item.item_kind, item.room_id])).toEqual([
      ['room:r1:walls', 'Murs', 'paint', 'r1'], ['room:r1:floor', 'Sol', 'flooring_parquet', 'r1'], ['room:r1:ceiling', 'Plafond', 'paint', 'r1'],
      ['room:r2:walls', 'Murs', 'paint', 'r2'], ['room:r2:floor', 'Sol', 'flooring_tiles', 'r2'], ['room:r2:ceiling', 'Plafond', 'paint', 'r2'],
      ['equipment:e1', 'Chaudière', 'appliance', null], ['equipment:e2', 'Lavabo', 'sanitary', 'r2'],
    ]);
    expect(items[6]).toMatchObject({ equipment_id: 'e1', installed_on: '2019-05-01', condition: null, media_ids: [], repair_cost: null });
  });

  it('names the kind of free-text equipment types, English or French', () => {
    expect(['lave_vaisselle', 'Dishwasher', 'mitigeur', 'WC', 'Volet roulant', 'interphone', 'smoke detector', 'storage unit', 'tapis'].map(defaultItemKind))
      .toEqual(['appliance', 'appliance', 'sanitary', 'sanitary', 'joinery', 'electrical', 'electrical', 'other', 'other']);
  });

  it('starts an exit report from the entry report\'s items, conditions blank, plus what the unit gained', () => {
    const entry: ReportItem[] = prefillItems({ rooms: inventory.rooms.slice(0, 1), equipment: [] }).map((item) => ({ ...item, condition: 'good', notes: 'ok' }));
    entry.push({ ...entry[0], key: 'custom:cellar', label: 'Cave', item_kind: 'other', room_id: null, installed_on: '2010-01-01' });
    const exit = prefillItems(inventory, entry);
    expect(exit.map((item) => item.key)).toEqual(['room:r1:walls', 'room:r1:floor', 'room:r1:ceiling', 'custom:cellar', 'room:r2:walls', 'room:r2:floor', 'room:r2:ceiling', 'equipment:e1', 'equipment:e2']);
    expect(exit[3]).toMatchObject({ label: 'Cave', installed_on: '2010-01-01', condition: null, notes: null });
  });

  it('changes items by key, adds new keys, removes, and keeps the order', () => {
    const items = prefillItems(inventory);
    const changed = applyItemChanges(items, [
      { key: 'room:r1:walls', condition: 'good', notes: 'Traces' },
      { key: 'custom:cellar', label: 'Cave', item_kind: 'other', condition: 'fair' },
    ], ['equipment:e2']);
    expect(changed.map((item) => item.key)).toEqual([...items.slice(0, 7).map((item) => item.key), 'custom:cellar']);
    expect(changed[0]).toMatchObject({ condition: 'good', notes: 'Traces', label: 'Murs', item_kind: 'paint' });
    expect(changed.at(-1)).toMatchObject({ label: 'Cave', condition: 'fair', media_ids: [], repair_cost: null });
    expect(applyItemChanges(changed, [{ key: 'room:r1:walls', notes: null, condition: undefined }])[0]).toMatchObject({ condition: 'good', notes: null });
  });

  it('refuses a new item without label or kind, and removing what is not there', () => {
    const items = prefillItems(inventory);
    expect(() => applyItemChanges(items, [{ key: 'custom:x', condition: 'good' }])).toThrow(ValidationFailedError);
    expect(() => applyItemChanges(items, [], ['nothing'])).toThrow(ValidationFailedError);
    expect(() => applyItemChanges(items, [{ key: 'room:r1:walls', condition: 'good' }], ['room:r1:walls'])).toThrow(ValidationFailedError);
  });
});
