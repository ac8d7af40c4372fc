import { webcrypto } from 'node:crypto';
import { CryptoEngine } from 'pkijs';

/**
 * pkijs over Node's own WebCrypto, handed to each call rather than installed as pkijs's global
 * engine: nothing else in the process can swap it, and Jest's sandboxed globals do not matter.
 */
export const pkijsEngine = new CryptoEngine({ name: 'node', crypto: webcrypto });

/** The algorithm every sealing key is imported for: PAdES with RSA keys, SHA-256. */
export const RSA_SHA256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
