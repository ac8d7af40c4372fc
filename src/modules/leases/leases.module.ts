import { Module } from '@nestjs/common';
import { LeaseChargesController } from './charges/lease-charges.controller.js';
import { LeaseChargesRepository } from './charges/lease-charges.repository.js';
import { LeaseChargesService } from './charges/lease-charges.service.js';
import { LeaseLifecycle } from './lease-lifecycle.service.js';
import { LeasesController } from './leases.controller.js';
import { LeasesRepository } from './leases.repository.js';
import { LeasesService } from './leases.service.js';
import { WearGrids } from './wear-grids.service.js';
import { LeasePartiesController } from './parties/lease-parties.controller.js';
import { LeasePartiesRepository } from './parties/lease-parties.repository.js';
import { LeasePartiesService } from './parties/lease-parties.service.js';

@Module({
  controllers: [LeasesController, LeasePartiesController, LeaseChargesController],
  providers: [LeasesRepository, LeasesService, LeaseLifecycle, LeasePartiesRepository, LeasePartiesService, LeaseChargesRepository, LeaseChargesService, WearGrids],
  exports: [LeasesRepository, LeaseLifecycle, WearGrids, LeasePartiesRepository],
})
export class LeasesModule {}
