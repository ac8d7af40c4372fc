import { Injectable, StreamableFile } from '@nestjs/common';
import { create as contentDisposition } from 'content-disposition';
import { UnsupportedMediaTypeError, ValidationFailedError } from '../../core/errors/domain-errors.js';
import type { Page } from '../../core/pagination/page.js';
import { References } from '../../core/relations/references.js';
import { ObjectStorage, storageKey } from '../../core/storage/object-storage.js';
import { TenantContext } from '../../core/tenancy/tenant-context.js';
import { TenantTransactions } from '../../core/tenancy/tenant-transactions.js';
import { newId } from '../../database/ids.js';
import type { ListMediaQueryDto, UploadMediaDto } from './dto/media.dto.js';
import { MEDIA_ENTITIES, type Media } from './media.entity.js';
import { MediaRepository } from './media.repository.js';
import { cleanFilename, sniffMediaType } from './upload/file-rules.js';
import type { StagedFile } from '../../core/uploads/staged-file.js';

@Injectable()
export class MediaService {
  constructor(
    private readonly media: MediaRepository,
    private readonly references: References,
    private readonly storage: ObjectStorage,
    private readonly context: TenantContext,
    private readonly transactions: TenantTransactions,
  ) {}

  /**
   * Called once the upload is fully staged on disk: only then is a transaction opened (the upload
   * itself never holds a connection). The object is stored, then its row inserted; a rollback
   * deletes the object again, so a failure leaves neither.
   */
  async upload(file: StagedFile | undefined, input: UploadMediaDto): Promise<Media> {
    if (!file) throw ValidationFailedError.field('file', 'a file is required, in the "file" field');
    if (file.size === 0) throw ValidationFailedError.field('file', 'the file is empty');
    const mediaType = await sniffMediaType(file.head);
    if (!mediaType) throw new UnsupportedMediaTypeError('Only PDF, PNG, JPEG and WebP files are accepted (judged from their content)');
    const tenantId = this.context.principal!.tenantId;

    return this.transactions.run(tenantId, async () => {
      const target = MEDIA_ENTITIES[input.entity_type];
      await this.references.require(target.table, input.entity_id, target.resource);
      const id = newId();
      const key = storageKey(tenantId, 'media', id);
      await this.storage.putFile(key, file.path, file.size, mediaType);
      this.context.afterRollback(() => this.storage.delete(key));
      return this.media.insertWithId(id, {
        entity_type: input.entity_type,
        entity_id: input.entity_id,
        filename: cleanFilename(file.originalname),
        media_type: mediaType,
        size: file.size,
        sha256: file.sha256,
        tags: [...new Set(input.tags ?? [])],
        role: input.role ?? null,
        storage_key: key,
      });
    });
  }

  list(query: ListMediaQueryDto): Promise<Page<Media>> {
    return this.media.list(query);
  }

  get(id: string): Promise<Media> {
    return this.media.getById(id);
  }

  /** Opens the stored object; the transaction has ended before the first byte is sent. */
  async download(id: string): Promise<StreamableFile> {
    const media = await this.media.getById(id);
    const stream = await this.storage.get(media.storage_key);
    return new StreamableFile(stream, { type: media.media_type, length: Number(media.size), disposition: contentDisposition(media.filename) });
  }

  /** The row goes in the transaction; the object once it has committed. */
  async delete(id: string): Promise<void> {
    const media = await this.media.lockById(id);
    await this.media.delete(id);
    this.context.afterCommit(() => this.storage.delete(media.storage_key));
  }
}
