import { Module } from '@nestjs/common';
import { PlacesModule } from '../places/places.module.js';
import { EstatesController } from './estates.controller.js';
import { EstatesRepository } from './estates.repository.js';
import { EstatesService } from './estates.service.js';
import { PlaceEstatesController } from './place-estates.controller.js';

@Module({
  imports: [PlacesModule],
  controllers: [PlaceEstatesController, EstatesController],
  providers: [EstatesRepository, EstatesService],
  exports: [EstatesRepository],
})
export class EstatesModule {}
