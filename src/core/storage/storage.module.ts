import { Global, Module } from '@nestjs/common';
import { S3Client } from '@aws-sdk/client-s3';
import { AppConfig } from '../../config/app-config.js';
import { LocalObjectStorage } from './local-object-storage.js';
import { ObjectStorage } from './object-storage.js';
import { S3ObjectStorage } from './s3-object-storage.js';

@Global()
@Module({
  providers: [
    {
      provide: ObjectStorage,
      inject: [AppConfig],
      useFactory: (config: AppConfig): ObjectStorage => {
        if (config.STORAGE_DRIVER === 'local') return new LocalObjectStorage(config.MEDIA_ROOT);
        const credentials =
          config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
            ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY }
            : undefined; // else the SDK's default chain (env, instance role, ...)
        const client = new S3Client({
          region: config.S3_REGION ?? 'us-east-1',
          endpoint: config.S3_ENDPOINT,
          forcePathStyle: config.S3_FORCE_PATH_STYLE,
          credentials,
        });
        return new S3ObjectStorage(client, config.S3_BUCKET!);
      },
    },
  ],
  exports: [ObjectStorage],
})
export class StorageModule {}
