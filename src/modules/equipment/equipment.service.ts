import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '../../core/errors/domain-errors.js';
import type { Page } from '../../core/pagination/page.js';
import { References } from '../../core/relations/references.js';
import type { CreateEquipmentDto, ListEquipmentQueryDto, UpdateEquipmentDto } from './dto/equipment.dto.js';
import { EQUIPMENT_PARENTS, type Equipment } from './equipment.entity.js';
import { EquipmentRepository } from './equipment.repository.js';

type Parent = (typeof EQUIPMENT_PARENTS)[number];
type Attachment = Record<Parent, string | null>;

const PARENT_TABLES: Record<Parent, { table: string; resource: string }> = {
  place_id: { table: 'places', resource: 'Place' },
  estate_id: { table: 'estates', resource: 'Estate' },
  room_id: { table: 'rooms', resource: 'Room' },
};

const OPTIONAL_FIELDS = { brand: null, model: null, serial_number: null, condition: null, installed_at: null, notes: null };

@Injectable()
export class EquipmentService {
  constructor(
    private readonly equipment: EquipmentRepository,
    private readonly references: References,
  ) {}

  list(query: ListEquipmentQueryDto): Promise<Page<Equipment>> {
    return this.equipment.list(query);
  }

  get(id: string): Promise<Equipment> {
    return this.equipment.getById(id);
  }

  async create(input: CreateEquipmentDto): Promise<Equipment> {
    const attachment = await this.attachment(input);
    if (!attachment) throw exactlyOneParent();
    return this.equipment.insert({ ...OPTIONAL_FIELDS, ...input, ...attachment });
  }

  async update(id: string, patch: UpdateEquipmentDto): Promise<Equipment> {
    await this.equipment.lockById(id);
    const attachment = await this.attachment(patch);
    const mentionsParent = EQUIPMENT_PARENTS.some((parent) => patch[parent] !== undefined);
    if (mentionsParent && !attachment) throw exactlyOneParent();
    return this.equipment.update(id, { ...patch, ...attachment });
  }

  delete(id: string): Promise<void> {
    return this.equipment.delete(id);
  }

  /** The one parent named (checked to be the tenant's) with the other two cleared, or undefined. */
  private async attachment(input: Partial<Attachment>): Promise<Attachment | undefined> {
    const named = EQUIPMENT_PARENTS.filter((parent) => typeof input[parent] === 'string');
    if (named.length > 1) throw exactlyOneParent();
    if (named.length === 0) return undefined;
    const parent = named[0];
    const id = input[parent] as string;
    await this.references.require(PARENT_TABLES[parent].table, id, PARENT_TABLES[parent].resource);
    return { place_id: null, estate_id: null, room_id: null, [parent]: id };
  }
}

function exactlyOneParent(): ValidationFailedError {
  return new ValidationFailedError(
    EQUIPMENT_PARENTS.map((field) => ({ field, message: 'exactly one of place_id, estate_id, room_id must be given' })),
  );
}
