import { Injectable, OnModuleInit } from '@nestjs/common';
import { ValidationFailedError } from '../../core/errors/domain-errors.js';
import type { Page } from '../../core/pagination/page.js';
import { Dependants } from '../../core/relations/dependants.js';
import { References } from '../../core/relations/references.js';
import { OWNER_RESOURCE } from '../owners/owners.service.js';
import { PlacesRepository } from '../places/places.repository.js';
import { PLACE_RESOURCE } from '../places/places.service.js';
import type { CreateEstateDto, ListEstatesQueryDto, ListPlaceEstatesQueryDto, MoveOrUpdateEstateDto, UpdateEstateDto } from './dto/estate.dto.js';
import type { Estate } from './estate.entity.js';
import { EstatesRepository } from './estates.repository.js';

/** What other modules register dependants under (leases.estate_id). */
export const ESTATE_RESOURCE = 'estate';

const OPTIONAL_FIELDS = {
  area: null,
  number_of_room: null,
  floor: null,
  building: null,
  lot_number: null,
  fiscal_identifier: null,
  rent_amount: null,
  energy_label: null,
};

@Injectable()
export class EstatesService implements OnModuleInit {
  constructor(
    private readonly estates: EstatesRepository,
    private readonly places: PlacesRepository,
    private readonly references: References,
    private readonly dependants: Dependants,
  ) {}

  onModuleInit(): void {
    this.dependants.register(OWNER_RESOURCE, { resource: 'estates', table: 'estates', column: 'owner_id' });
    this.dependants.register(PLACE_RESOURCE, { resource: 'estates', table: 'estates', column: 'place_id' });
  }

  list(query: ListEstatesQueryDto): Promise<Page<Estate>> {
    assertAreaRange(query);
    return this.estates.list(query);
  }

  /** Units of one place; an unknown (or foreign) place is a 404, not an empty list. */
  async listInPlace(placeId: string, query: ListPlaceEstatesQueryDto): Promise<Page<Estate>> {
    assertAreaRange(query);
    await this.places.getById(placeId);
    return this.estates.list({ ...query, place_id: placeId });
  }

  get(id: string): Promise<Estate> {
    return this.estates.getById(id);
  }

  getInPlace(placeId: string, id: string): Promise<Estate> {
    return this.estates.getInPlace(placeId, id);
  }

  async createInPlace(placeId: string, input: CreateEstateDto): Promise<Estate> {
    const place = await this.places.getById(placeId);
    if (input.owner_id) await this.references.require('owners', input.owner_id, 'Owner');
    return this.estates.insert({
      ...OPTIONAL_FIELDS,
      ...input,
      place_id: place.id,
      owner_id: input.owner_id ?? place.owner_id,
      rental_status: 'VACANT',
    });
  }

  async updateInPlace(placeId: string, id: string, patch: UpdateEstateDto): Promise<Estate> {
    await this.estates.getInPlace(placeId, id, true);
    return this.applyUpdate(id, patch);
  }

  /** The flat route may also move the unit: the target place must be the tenant's (else 404). */
  async update(id: string, patch: MoveOrUpdateEstateDto): Promise<Estate> {
    await this.estates.lockById(id);
    if (patch.place_id) await this.references.require('places', patch.place_id, 'Place');
    return this.applyUpdate(id, patch);
  }

  /** Rooms and equipment of the unit are deleted with it (database cascade). */
  async deleteInPlace(placeId: string, id: string): Promise<void> {
    await this.estates.getInPlace(placeId, id, true);
    await this.dependants.assertNone(ESTATE_RESOURCE, id, 'The unit is still referenced');
    await this.estates.delete(id);
  }

  private async applyUpdate(id: string, patch: MoveOrUpdateEstateDto): Promise<Estate> {
    if (patch.owner_id) await this.references.require('owners', patch.owner_id, 'Owner');
    return this.estates.update(id, patch);
  }
}

function assertAreaRange(query: { area_min?: number; area_max?: number }): void {
  if (query.area_min !== undefined && query.area_max !== undefined && query.area_min > query.area_max) {
    throw ValidationFailedError.field('area_min', 'area_min must not exceed area_max');
  }
}
