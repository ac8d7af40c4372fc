import { Module } from '@nestjs/common';
import { OwnersController } from './owners.controller.js';
import { OwnersRepository } from './owners.repository.js';
import { OwnersService } from './owners.service.js';

@Module({
  controllers: [OwnersController],
  providers: [OwnersRepository, OwnersService],
})
export class OwnersModule {}
