import { createHash } from 'node:crypto';
import { Signer } from '@signpdf/utils';
import * as asn1js from 'asn1js';
import { Attribute, Certificate, ContentInfo, EncapsulatedContentInfo, IssuerAndSerialNumber, SignedAndUnsignedAttributes, SignedData, SignerInfo } from 'pkijs';
import { pkijsEngine } from './pkijs-engine.js';
import type { SealingCredentials } from './sealing-credentials.js';

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
};

/**
 * The CMS SignedData of a PAdES baseline B-B signature (ETSI EN 319 142-1, subfilter
 * ETSI.CAdES.detached): detached, SHA-256 with RSA, signed attributes contentType, messageDigest
 * and signing-certificate-v2, and no signing-time attribute (B-B forbids it: the time is the
 * signature dictionary's M entry). The certificate and its chain travel inside the CMS.
 */
export class CadesDetachedSigner extends Signer {
  constructor(private readonly credentials: SealingCredentials) {
    super();
  }

  /** signpdf hands over the PDF bytes without the /Contents placeholder: the bytes the ByteRange covers. */
  override async sign(signedBytes: Buffer): Promise<Buffer> {
    const certificate = Certificate.fromBER(this.credentials.certificateDer);
    const chain = (this.credentials.chainDer ?? []).map((der) => Certificate.fromBER(der));
    const signedData = new SignedData({
      version: 1,
      encapContentInfo: new EncapsulatedContentInfo({ eContentType: OID.data }), // no eContent: detached
      certificates: [certificate, ...chain],
      signerInfos: [
        new SignerInfo({
          version: 1,
          sid: new IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
          signedAttrs: signedAttributes(sha256(signedBytes), sha256(this.credentials.certificateDer)),
        }),
      ],
    });
    // With signed attributes present, pkijs signs their DER SET, not the data.
    await signedData.sign(this.credentials.privateKey, 0, 'SHA-256', undefined, pkijsEngine);
    const contentInfo = new ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
    return Buffer.from(contentInfo.toSchema().toBER(false));
  }
}

/** In DER order (a SET OF sorts by encoding, and these encodings grow in that order). */
function signedAttributes(contentDigest: Buffer, certificateDigest: Buffer): SignedAndUnsignedAttributes {
  return new SignedAndUnsignedAttributes({
    type: 0,
    attributes: [
      new Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
      new Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: contentDigest })] }),
      new Attribute({ type: OID.signingCertificateV2, values: [signingCertificateV2(certificateDigest)] }),
    ],
  });
}

/**
 * RFC 5035: SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }, with
 * ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT sha256, certHash OCTET STRING }. SHA-256 is
 * the default so DER leaves it out; EN 319 122-1 advises against issuerSerial, so it is left out too.
 */
function signingCertificateV2(certificateDigest: Buffer): asn1js.Sequence {
  const essCertIdV2 = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: certificateDigest })] });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();
