import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Page } from '../../core/pagination/page.js';
import { Dependants } from '../../core/relations/dependants.js';
import { References } from '../../core/relations/references.js';
import { OWNER_RESOURCE } from '../owners/owners.service.js';
import type { CreatePlaceDto, ListPlacesQueryDto, UpdatePlaceDto } from './dto/place.dto.js';
import type { Place } from './place.entity.js';
import { PlacesRepository } from './places.repository.js';

/** What other modules register dependants under (estates.place_id). */
export const PLACE_RESOURCE = 'place';

const OPTIONAL_FIELDS = {
  legal_regime: null,
  street_number: null,
  address_complement: null,
  country: 'FR',
  latitude: null,
  longitude: null,
  number_of_floor: null,
  construction_date: null,
  description: null,
  rent_control: false,
  tense_zone: false,
  reference_rent_per_m2: null,
  increased_reference_rent_per_m2: null,
};

@Injectable()
export class PlacesService implements OnModuleInit {
  constructor(
    private readonly places: PlacesRepository,
    private readonly references: References,
    private readonly dependants: Dependants,
  ) {}

  onModuleInit(): void {
    this.dependants.register(OWNER_RESOURCE, { resource: 'places', table: 'places', column: 'owner_id' });
  }

  list(query: ListPlacesQueryDto): Promise<Page<Place>> {
    return this.places.list(query);
  }

  get(id: string): Promise<Place> {
    return this.places.getById(id);
  }

  async create(input: CreatePlaceDto): Promise<Place> {
    await this.references.require('owners', input.owner_id, 'Owner');
    return this.places.insert({ ...OPTIONAL_FIELDS, ...input });
  }

  async update(id: string, patch: UpdatePlaceDto): Promise<Place> {
    await this.places.lockById(id);
    if (patch.owner_id) await this.references.require('owners', patch.owner_id, 'Owner');
    return this.places.update(id, patch);
  }

  /** 409 while units remain; the place's own equipment is deleted with it. */
  async delete(id: string): Promise<void> {
    await this.places.lockById(id);
    await this.dependants.assertNone(PLACE_RESOURCE, id, 'The place still has units');
    await this.places.delete(id);
  }
}
