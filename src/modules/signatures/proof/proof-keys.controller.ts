import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../../core/auth/auth.decorators.js';
import { SigningKeys } from '../signing-keys.js';
import type { ProofPublicJwk } from './proof-seal.js';

/** The public half of the key that seals proofs, as a JWK Set: anyone can check a proof offline. */
@ApiTags('signatures')
@Controller('api/signatures/proof-keys')
export class ProofKeysController {
  constructor(private readonly keys: SigningKeys) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Public keys that seal signature proofs (JWK Set, no API key needed)',
    description: 'A proof\'s `seal` is an Ed25519 signature of `faireplace-proof:v1:<signature_id>:<final event hash>` by the key whose `kid` is `seal.key_id`. Check it with `npm run proof:verify -- proof.json --keys <this URL or a saved copy>`.',
  })
  @ApiOkResponse({ schema: { type: 'object', properties: { keys: { type: 'array', items: { type: 'object', additionalProperties: true } } } } })
  list(): { keys: ProofPublicJwk[] } {
    return { keys: [this.keys.proofKey.publicJwk] };
  }
}
