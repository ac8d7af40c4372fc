import { Module } from '@nestjs/common';
import { MediaController } from './media.controller.js';
import { MediaRepository } from './media.repository.js';
import { MediaService } from './media.service.js';

@Module({
  controllers: [MediaController],
  providers: [MediaRepository, MediaService],
})
export class MediaModule {}
