import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { Certificate } from 'pkijs';
import { generateSelfSignedSealingCredentials, loadSealingCredentials } from './sealing-credentials.js';

const ed25519Pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;

describe('self-signed sealing credentials', () => {
  let keyPem: string;
  let certPem: string;
  beforeAll(async () => ({ keyPem, certPem } = await generateSelfSignedSealingCredentials('FairePlace Sandbox Seal')));

  it('issues an X.509 v3 certificate for C=FR, O=FairePlace, CN=<name>, signed by its own key with SHA-256', () => {
    const certificate = new X509Certificate(certPem);
    expect(certificate.subject).toBe('C=FR\nO=FairePlace\nCN=FairePlace Sandbox Seal');
    expect(certificate.issuer).toBe(certificate.subject);
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    expect(certificate.ca).toBe(false);
    expect(certificate.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    const parsed = Certificate.fromBER(certificate.raw);
    expect(parsed.version).toBe(2);
    expect(parsed.signatureAlgorithm.algorithmId).toBe('1.2.840.113549.1.1.11');
  });

  it('is valid from now for 10 years', () => {
    const certificate = new X509Certificate(certPem);
    const validFrom = new Date(certificate.validFrom).getTime();
    expect(Math.abs(validFrom - Date.now())).toBeLessThan(60_000);
    expect(new Date(certificate.validTo).getUTCFullYear() - new Date(validFrom).getUTCFullYear()).toBe(10);
  });

  it('limits the key to digitalSignature and nonRepudiation, marked critical', () => {
    const keyUsage = Certificate.fromBER(new X509Certificate(certPem).raw).extensions?.find((extension) => extension.extnID === '2.5.29.15');
    expect(keyUsage?.critical).toBe(true);
    expect(keyUsage?.extnValue.valueBlock.valueHexView).toEqual(new Uint8Array([0x03, 0x02, 0x06, 0xc0]));
  });

  it('draws a random positive serial each time', async () => {
    const other = await generateSelfSignedSealingCredentials('FairePlace Sandbox Seal');
    const serials = [certPem, other.certPem].map((pem) => Certificate.fromBER(new X509Certificate(pem).raw).serialNumber.valueBlock.valueHexView);
    for (const serial of serials) expect(serial[0]).toBeLessThan(0x80);
    expect(Buffer.from(serials[0]).equals(Buffer.from(serials[1]))).toBe(false);
  });

  it('loads back into a signing key and the certificate it belongs to', async () => {
    const credentials = await loadSealingCredentials(keyPem, certPem);
    expect(credentials.privateKey.type).toBe('private');
    expect(credentials.privateKey.usages).toEqual(['sign']);
    expect(credentials.certificatePem).toBe(certPem);
    expect(credentials.certificateDer.equals(new X509Certificate(certPem).raw)).toBe(true);
    expect(credentials.chainDer).toBeUndefined();
  });

  it('keeps the certificates that follow the sealing one as its chain', async () => {
    const intermediate = await generateSelfSignedSealingCredentials('FairePlace Test CA');
    const credentials = await loadSealingCredentials(keyPem, `${certPem}\n${intermediate.certPem}`);
    expect(credentials.chainDer).toEqual([new X509Certificate(intermediate.certPem).raw]);
  });

  it.each([
    ['a key of another pair', async () => (await generateSelfSignedSealingCredentials('Other')).keyPem, () => certPem, /Sealing key: does not match the certificate of C=FR, O=FairePlace, CN=FairePlace Sandbox Seal/],
    ['a key that is not RSA', () => ed25519Pem, () => certPem, /Sealing key: expected an RSA private key, got ed25519/],
    ['a key that is not PEM', () => 'not a key', () => certPem, /Sealing key: not a readable PEM private key/],
    ['no certificate', () => keyPem, () => 'not a certificate', /Sealing certificate: no PEM CERTIFICATE block found/],
    ['a broken certificate', () => keyPem, () => '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----', /Sealing certificate: PEM block 1 is not a valid X.509 certificate/],
  ])('refuses %s', async (_label, key, certificate, message) => {
    await expect(loadSealingCredentials(await key(), certificate())).rejects.toThrow(message);
  });
});
