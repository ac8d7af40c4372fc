import { Module } from '@nestjs/common';
import { MediaController } from './media.controller.js';
import { MediaRepository } from './media.repository.js';
import { MediaService } from './media.service.js';
import { SingleFileUploadInterceptor } from './upload/single-file-upload.interceptor.js';

@Module({
  controllers: [MediaController],
  providers: [MediaRepository, MediaService, SingleFileUploadInterceptor],
})
export class MediaModule {}
