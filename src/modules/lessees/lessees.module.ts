import { Module } from '@nestjs/common';
import { LesseesController } from './lessees.controller.js';
import { LesseesRepository } from './lessees.repository.js';
import { LesseesService } from './lessees.service.js';

@Module({
  controllers: [LesseesController],
  providers: [LesseesRepository, LesseesService],
})
export class LesseesModule {}
