import { ApiProperty } from '@nestjs/swagger';
import { SIGNATURE_STATUSES, type SignatureStatus } from '../../signatures/signature-status.js';

export class SigningCodeSentDto {
  @ApiProperty({ enum: ['email', 'sms'] }) channel: 'email' | 'sms';
  @ApiProperty({ example: 'c***@example.fr', description: 'Where the code went, masked' }) contact: string;
  @ApiProperty({ description: 'The code stops working at this time' }) expires_at: Date;
  @ApiProperty({ description: 'No new code before this time' }) resend_available_at: Date;
}

export class SigningDoneDto {
  @ApiProperty({ enum: ['signed'] }) state: 'signed';
  @ApiProperty({ enum: SIGNATURE_STATUSES, description: 'COMPLETED when this signer was the last one (the signed PDF and the proof exist)' }) signature_status: SignatureStatus;
}
