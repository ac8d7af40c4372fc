import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation, grantToApi } from '../sql.js';

/**
 * The property tree: places (buildings) → estates (rentable units) → rooms, and equipment hung on
 * exactly one of them. Every reference is a composite (tenant_id, x_id) foreign key, so no row can
 * point into another tenant whatever the application does.
 *
 * Delete behaviour, enforced here:
 * - an owner referenced by a place or an estate cannot be deleted (NO ACTION → 409);
 * - a place with estates cannot be deleted (NO ACTION → 409); its own equipment goes with it;
 * - an estate takes its rooms and their equipment with it (CASCADE); a room its equipment.
 */
export class Properties1764316800000 implements MigrationInterface {
  name = 'Properties1764316800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE places (
        tenant_id          uuid          NOT NULL REFERENCES tenants (id),
        id                 uuid          NOT NULL,
        owner_id           uuid          NOT NULL,
        name               text          NOT NULL,
        place_category     text          NOT NULL CHECK (place_category IN ('individual', 'collective')),
        legal_regime       text          CHECK (legal_regime IN ('copropriete', 'monopropriete', 'asl', 'aful')),
        street_number      text,
        street_name        text          NOT NULL,
        address_complement text,
        postal_code        text          NOT NULL,
        city               text          NOT NULL,
        country            text          NOT NULL DEFAULT 'FR',
        latitude           numeric(9, 6) CHECK (latitude BETWEEN -90 AND 90),
        longitude          numeric(9, 6) CHECK (longitude BETWEEN -180 AND 180),
        number_of_floor    integer       CHECK (number_of_floor >= 0),
        construction_date  date,
        description        text,
        created_at         timestamptz   NOT NULL DEFAULT now(),
        updated_at         timestamptz   NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, owner_id) REFERENCES owners (tenant_id, id)
      );
      CREATE INDEX places_tenant_created_idx ON places (tenant_id, created_at DESC, id DESC);
      CREATE INDEX places_tenant_owner_idx ON places (tenant_id, owner_id);
      CREATE INDEX places_tenant_postal_code_idx ON places (tenant_id, postal_code);
      CREATE INDEX places_tenant_city_idx ON places (tenant_id, lower(city));
    `);
    await enableTenantIsolation(db, 'places');
    await grantToApi(db, 'places');

    await db.query(`
      CREATE TABLE estates (
        tenant_id         uuid           NOT NULL REFERENCES tenants (id),
        id                uuid           NOT NULL,
        place_id          uuid           NOT NULL,
        owner_id          uuid           NOT NULL,
        name              text           NOT NULL,
        estate_type       text           NOT NULL CHECK (estate_type IN
                            ('apartment', 'house', 'studio', 'room', 'parking', 'commercial', 'office', 'other')),
        area              numeric(10, 2) CHECK (area >= 0),
        number_of_room    integer        CHECK (number_of_room >= 0),
        floor             integer,
        building          text,
        lot_number        text,
        fiscal_identifier text,
        rent_amount       numeric(12, 2) CHECK (rent_amount >= 0),
        -- Read-only over the API: kept in sync with the unit's leases.
        rental_status     text           NOT NULL DEFAULT 'VACANT' CHECK (rental_status IN ('VACANT', 'RENTED', 'NOTICE')),
        created_at        timestamptz    NOT NULL DEFAULT now(),
        updated_at        timestamptz    NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, place_id) REFERENCES places (tenant_id, id),
        FOREIGN KEY (tenant_id, owner_id) REFERENCES owners (tenant_id, id)
      );
      -- Flat list (default sort) and nested list under a place (same sort), then each filter.
      CREATE INDEX estates_tenant_created_idx ON estates (tenant_id, created_at DESC, id DESC);
      CREATE INDEX estates_tenant_place_created_idx ON estates (tenant_id, place_id, created_at DESC, id DESC);
      CREATE INDEX estates_tenant_owner_idx ON estates (tenant_id, owner_id);
      CREATE INDEX estates_tenant_status_idx ON estates (tenant_id, rental_status);
      CREATE INDEX estates_tenant_area_idx ON estates (tenant_id, area);
      CREATE INDEX estates_tenant_floor_idx ON estates (tenant_id, floor);
      CREATE INDEX estates_tenant_rooms_idx ON estates (tenant_id, number_of_room);
    `);
    await enableTenantIsolation(db, 'estates');
    await grantToApi(db, 'estates');

    await db.query(`
      CREATE TABLE rooms (
        tenant_id         uuid          NOT NULL REFERENCES tenants (id),
        id                uuid          NOT NULL,
        estate_id         uuid          NOT NULL,
        room_type         text          NOT NULL CHECK (room_type IN ('bedroom', 'bathroom', 'kitchen', 'living_room',
                            'dining_room', 'office', 'storage', 'balcony', 'garage', 'other')),
        designation       text          NOT NULL,
        habitable_surface numeric(8, 2) CHECK (habitable_surface >= 0),
        carrez_surface    numeric(8, 2) CHECK (carrez_surface >= 0),
        created_at        timestamptz   NOT NULL DEFAULT now(),
        updated_at        timestamptz   NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, estate_id) REFERENCES estates (tenant_id, id) ON DELETE CASCADE
      );
      CREATE INDEX rooms_tenant_estate_created_idx ON rooms (tenant_id, estate_id, created_at DESC, id DESC);
    `);
    await enableTenantIsolation(db, 'rooms');
    await grantToApi(db, 'rooms');

    await db.query(`
      CREATE TABLE equipment (
        tenant_id      uuid        NOT NULL REFERENCES tenants (id),
        id             uuid        NOT NULL,
        name           text        NOT NULL,
        equipment_type text        NOT NULL,
        place_id       uuid,
        estate_id      uuid,
        room_id        uuid,
        brand          text,
        model          text,
        serial_number  text,
        condition      text        CHECK (condition IN ('new', 'good', 'fair', 'poor', 'broken')),
        installed_at   date,
        notes          text,
        created_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        -- Hung on exactly one level of the tree.
        CONSTRAINT equipment_exactly_one_parent CHECK (num_nonnulls(place_id, estate_id, room_id) = 1),
        FOREIGN KEY (tenant_id, place_id) REFERENCES places (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, estate_id) REFERENCES estates (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, room_id) REFERENCES rooms (tenant_id, id) ON DELETE CASCADE
      );
      CREATE INDEX equipment_tenant_created_idx ON equipment (tenant_id, created_at DESC, id DESC);
      CREATE INDEX equipment_tenant_place_idx ON equipment (tenant_id, place_id) WHERE place_id IS NOT NULL;
      CREATE INDEX equipment_tenant_estate_idx ON equipment (tenant_id, estate_id) WHERE estate_id IS NOT NULL;
      CREATE INDEX equipment_tenant_room_idx ON equipment (tenant_id, room_id) WHERE room_id IS NOT NULL;
      CREATE INDEX equipment_tenant_type_idx ON equipment (tenant_id, equipment_type);
    `);
    await enableTenantIsolation(db, 'equipment');
    await grantToApi(db, 'equipment');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE equipment; DROP TABLE rooms; DROP TABLE estates; DROP TABLE places;`);
  }
}
