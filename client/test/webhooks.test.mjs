// verifyWebhook: FairePlace-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + body)>.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { verifyWebhook, WebhookVerificationError } from '@faireplace/client';

const SECRET = 'whsec_current';
const OLD_SECRET = 'whsec_previous';
const NOW = 1_800_000_000;
const body = JSON.stringify({ id: 'evt_1', type: 'lease.activated', created_at: '2027-01-15T10:00:00.000Z', data: { lease_id: 'l1' } });

/** @param {string} secret @param {number} t @param {string | Buffer} payload */
const sign = (secret, t, payload) => createHmac('sha256', secret).update(`${t}.`).update(payload).digest('hex');
/** @param {Parameters<typeof verifyWebhook>[1]} header @param {{ payload?: string | Uint8Array, secret?: string | string[], toleranceSeconds?: number }} [options] */
const verify = (header, { payload = body, secret = SECRET, toleranceSeconds } = {}) => verifyWebhook(payload, header, secret, { toleranceSeconds, now: () => NOW });
/** @param {string} reason */
const failsWith = (reason) => (/** @type {unknown} */ error) => error instanceof WebhookVerificationError && error.reason === reason;

describe('verifyWebhook', () => {
  it('returns the parsed event when the signature matches', () => {
    assert.deepEqual(verify(`t=${NOW},v1=${sign(SECRET, NOW, body)}`), JSON.parse(body));
  });

  it('accepts the raw bytes as well as a string', () => {
    const bytes = new TextEncoder().encode(body);
    assert.equal(verify(`t=${NOW},v1=${sign(SECRET, NOW, body)}`, { payload: bytes }).id, 'evt_1');
    const accents = JSON.stringify({ id: 'evt_2', type: 'owner.created', data: { name: 'Hélène Müller' } });
    assert.equal(verify(`t=${NOW},v1=${sign(SECRET, NOW, accents)}`, { payload: Buffer.from(accents) }).id, 'evt_2');
  });

  it('accepts any of several v1 signatures (the sender rotating its secret), in any order, with spaces', () => {
    const header = `t=${NOW}, v1=${sign(OLD_SECRET, NOW, body)}, v0=ignored, v1=${sign(SECRET, NOW, body)}`;
    assert.equal(verify(header).id, 'evt_1');
    assert.equal(verify(header, { secret: OLD_SECRET }).id, 'evt_1');
  });

  it('accepts several secrets (the receiver rotating)', () => {
    assert.equal(verify(`t=${NOW},v1=${sign(OLD_SECRET, NOW, body)}`, { secret: [SECRET, OLD_SECRET] }).id, 'evt_1');
  });

  it('rejects another secret, a changed body and a changed timestamp', () => {
    assert.throws(() => verify(`t=${NOW},v1=${sign('whsec_other', NOW, body)}`), failsWith('SIGNATURE_MISMATCH'));
    assert.throws(() => verify(`t=${NOW},v1=${sign(SECRET, NOW, body)}`, { payload: body.replace('l1', 'l2') }), failsWith('SIGNATURE_MISMATCH'));
    assert.throws(() => verify(`t=${NOW + 1},v1=${sign(SECRET, NOW, body)}`), failsWith('SIGNATURE_MISMATCH'));
  });

  it('rejects a timestamp more than toleranceSeconds away (default 300), either way', () => {
    const at = (/** @type {number} */ t) => `t=${t},v1=${sign(SECRET, t, body)}`;
    assert.equal(verify(at(NOW - 300)).id, 'evt_1');
    assert.throws(() => verify(at(NOW - 301)), failsWith('TIMESTAMP_OUT_OF_TOLERANCE'));
    assert.throws(() => verify(at(NOW + 301)), failsWith('TIMESTAMP_OUT_OF_TOLERANCE'));
    assert.equal(verify(at(NOW - 3_000), { toleranceSeconds: 3_600 }).id, 'evt_1');
    assert.throws(() => verify(at(NOW - 31), { toleranceSeconds: 30 }), failsWith('TIMESTAMP_OUT_OF_TOLERANCE'));
  });

  it('rejects a missing or malformed header', () => {
    const v1 = `v1=${sign(SECRET, NOW, body)}`;
    assert.throws(() => verify(undefined), failsWith('MISSING_SIGNATURE'));
    assert.throws(() => verify(''), failsWith('MISSING_SIGNATURE'));
    assert.throws(() => verify(v1), failsWith('MALFORMED_SIGNATURE'));
    assert.throws(() => verify(`t=${NOW}`), failsWith('MALFORMED_SIGNATURE'));
    assert.throws(() => verify(`t=${NOW},v1=xyz`), failsWith('MALFORMED_SIGNATURE'));
    assert.throws(() => verify(`t=soon,${v1}`), failsWith('MALFORMED_SIGNATURE'));
    assert.throws(() => verify(`t=${NOW},t=${NOW},${v1}`), failsWith('MALFORMED_SIGNATURE'));
  });

  it('rejects a signed body that is not JSON, and refuses to run without a secret', () => {
    assert.throws(() => verify(`t=${NOW},v1=${sign(SECRET, NOW, 'not json')}`, { payload: 'not json' }), failsWith('INVALID_JSON'));
    assert.throws(() => verify(`t=${NOW},v1=${sign(SECRET, NOW, body)}`, { secret: '' }), TypeError);
  });
});
