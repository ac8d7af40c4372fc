import { createPrivateKey, generateKeyPair, type KeyObject, randomBytes, webcrypto, X509Certificate } from 'node:crypto';
import { promisify } from 'node:util';
import * as asn1js from 'asn1js';
import { AttributeTypeAndValue, BasicConstraints, Certificate, Extension, PublicKeyInfo, RelativeDistinguishedNames } from 'pkijs';
import { pkijsEngine, RSA_SHA256 } from './pkijs-engine.js';

export interface SealingCredentials {
  /** Non-extractable WebCrypto key: what pkijs signs with. */
  privateKey: webcrypto.CryptoKey;
  certificateDer: Buffer;
  certificatePem: string;
  /** Intermediate certificates after the sealing one, embedded in each seal for validators. */
  chainDer?: Buffer[];
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * Reads the platform's sealing key (PEM, PKCS#8; PKCS#1 is accepted too) and its certificate,
 * optionally followed by the chain. Fails at load, not at the first seal, on anything unusable.
 */
export async function loadSealingCredentials(keyPem: string, certPem: string): Promise<SealingCredentials> {
  const [leafPem, ...chainPems] = certPem.match(PEM_CERTIFICATE) ?? [];
  if (!leafPem) throw new Error('Sealing certificate: no PEM CERTIFICATE block found');
  const [leaf, ...chain] = [leafPem, ...chainPems].map((pem, index) => {
    try {
      return new X509Certificate(pem);
    } catch (error) {
      throw new Error(`Sealing certificate: PEM block ${index + 1} is not a valid X.509 certificate (${(error as Error).message})`);
    }
  });

  let key: KeyObject;
  try {
    key = createPrivateKey({ key: keyPem, format: 'pem' });
  } catch (error) {
    throw new Error(`Sealing key: not a readable PEM private key (${(error as Error).message})`);
  }
  if (key.asymmetricKeyType !== 'rsa') throw new Error(`Sealing key: expected an RSA private key, got ${key.asymmetricKeyType ?? 'an unknown type'}`);
  if (!leaf.checkPrivateKey(key)) throw new Error(`Sealing key: does not match the certificate of ${leaf.subject.replace(/\n/g, ', ')}`);

  const pkcs8 = key.export({ type: 'pkcs8', format: 'der' });
  const privateKey = await webcrypto.subtle.importKey('pkcs8', pkcs8, RSA_SHA256, false, ['sign']);
  return { privateKey, certificateDer: leaf.raw, certificatePem: leaf.toString(), ...(chain.length ? { chainDer: chain.map((certificate) => certificate.raw) } : {}) };
}

const generateRsaKeyPair = promisify(generateKeyPair);
const VALIDITY_YEARS = 10;

/**
 * A self-signed sealing certificate for development and tests: seals made with it are intact
 * but their issuer is trusted by no one. Production seals use a certificate from a qualified CA.
 */
export async function generateSelfSignedSealingCredentials(commonName: string, options: { modulusLength?: 2048 | 3072 | 4096 } = {}): Promise<{ keyPem: string; certPem: string }> {
  // node:crypto generates the key natively (WebCrypto's RSA generation is the same code, but
  // hands back a CryptoKey we would have to export again); pkijs only builds the certificate.
  const { privateKey, publicKey } = await generateRsaKeyPair('rsa', { modulusLength: options.modulusLength ?? 2048 });
  const signingKey = await webcrypto.subtle.importKey('pkcs8', privateKey.export({ type: 'pkcs8', format: 'der' }), RSA_SHA256, false, ['sign']);

  const certificate = new Certificate();
  certificate.version = 2; // X.509 v3
  certificate.serialNumber = new asn1js.Integer({ valueHex: positiveSerial() });
  certificate.subject = distinguishedName(commonName);
  certificate.issuer = distinguishedName(commonName);
  const notBefore = new Date();
  const notAfter = new Date(notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + VALIDITY_YEARS);
  certificate.notBefore.value = notBefore;
  certificate.notAfter.value = notAfter;
  certificate.subjectPublicKeyInfo = PublicKeyInfo.fromBER(publicKey.export({ type: 'spki', format: 'der' }));
  certificate.extensions = [sealingKeyUsage(), notACertificateAuthority()];
  await certificate.sign(signingKey, 'SHA-256', pkijsEngine);

  const der = Buffer.from(certificate.toSchema().toBER(false));
  return { keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, certPem: new X509Certificate(der).toString() };
}

/** C=FR, O=FairePlace, CN=<commonName>. */
function distinguishedName(commonName: string): RelativeDistinguishedNames {
  const attributes = [
    new AttributeTypeAndValue({ type: '2.5.4.6', value: new asn1js.PrintableString({ value: 'FR' }) }),
    new AttributeTypeAndValue({ type: '2.5.4.10', value: new asn1js.Utf8String({ value: 'FairePlace' }) }),
    new AttributeTypeAndValue({ type: '2.5.4.3', value: new asn1js.Utf8String({ value: commonName }) }),
  ];
  // pkijs encodes its typesAndValues as one multi-valued RDN (C=FR + O=... + CN=...); a usual
  // Name has one RDN per attribute, so it is encoded here and read back as it stands.
  const name = new asn1js.Sequence({ value: attributes.map((attribute) => new asn1js.Set({ value: [attribute.toSchema()] })) });
  return RelativeDistinguishedNames.fromBER(name.toBER(false));
}

/** 16 random bytes, top bit clear (a positive INTEGER) and second bit set (no leading zero byte to strip). */
function positiveSerial(): Uint8Array {
  const serial = randomBytes(16);
  serial[0] = (serial[0] & 0x7f) | 0x40;
  return new Uint8Array(serial);
}

/** keyUsage, critical: digitalSignature (bit 0) and nonRepudiation (bit 1), the two a seal needs. */
function sealingKeyUsage(): Extension {
  // DER drops trailing zero bits: 0b11000000 carries 6 unused bits.
  const bits = new asn1js.BitString({ valueHex: new Uint8Array([0b1100_0000]), unusedBits: 6 });
  return new Extension({ extnID: '2.5.29.15', critical: true, extnValue: bits.toBER(false), parsedValue: bits });
}

function notACertificateAuthority(): Extension {
  const constraints = new BasicConstraints({ cA: false });
  return new Extension({ extnID: '2.5.29.19', critical: true, extnValue: constraints.toSchema().toBER(false), parsedValue: constraints });
}
