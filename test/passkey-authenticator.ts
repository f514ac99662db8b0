/**
 * A software passkey authenticator for service and route tests: makes real ES256 credentials
 * and signs real WebAuthn answers (attestation "none"), so @simplewebauthn/server checks them
 * exactly as it checks a browser's. Each answer can be bent (another origin, another challenge,
 * a chosen counter) to prove the server refuses it.
 */
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';

interface Credential {
  id: string;
  privateKey: KeyObject;
  userHandle: string;
  rpId: string;
  counter: number;
}

/** Options as the server sends them (only the fields this authenticator reads). */
interface Options {
  challenge: string;
  rp?: { id?: string };
  rpId?: string;
  user?: { id: string };
  allowCredentials?: { id: string }[];
}

const b64url = (bytes: Uint8Array | Buffer) => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();

function counterBytes(counter: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(counter);
  return out;
}

/** Creates an authenticator that answers as if on `origin`. */
export function createSoftAuthenticator(origin: string) {
  const credentials: Credential[] = [];
  const clientData = (type: string, challenge: string, at: string) =>
    Buffer.from(JSON.stringify({ type, challenge, origin: at, crossOrigin: false }));

  return {
    credentials,
    /** Makes a new passkey for registration options; returns the browser's JSON answer. */
    register(options: Options, bend: { origin?: string; challenge?: string } = {}) {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const jwk = publicKey.export({ format: 'jwk' });
      const id = randomBytes(16);
      const rpId = options.rp?.id ?? 'localhost';
      const coseKey = new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x!, 'base64url')],
        [-3, Buffer.from(jwk.y!, 'base64url')],
      ]);
      const idLength = Buffer.alloc(2);
      idLength.writeUInt16BE(id.length);
      const authData = Buffer.concat([
        sha256(rpId),
        Buffer.from([0x45]), // user present, user verified, credential data included
        counterBytes(0),
        Buffer.alloc(16), // aaguid
        idLength,
        id,
        Buffer.from(isoCBOR.encode(coseKey as never)),
      ]);
      const attestationObject = isoCBOR.encode(
        new Map<string, unknown>([
          ['fmt', 'none'],
          ['attStmt', new Map()],
          ['authData', new Uint8Array(authData)],
        ]) as never,
      );
      credentials.push({
        id: b64url(id),
        privateKey,
        userHandle: options.user?.id ?? '',
        rpId,
        counter: 0,
      });
      return {
        id: b64url(id),
        rawId: b64url(id),
        type: 'public-key',
        response: {
          clientDataJSON: b64url(
            clientData(
              'webauthn.create',
              bend.challenge ?? options.challenge,
              bend.origin ?? origin,
            ),
          ),
          attestationObject: b64url(attestationObject),
          transports: ['internal'],
        },
        clientExtensionResults: {},
      };
    },

    /** Signs an authentication challenge with a passkey (the first allowed, or the one named). */
    authenticate(
      options: Options,
      bend: { credential?: Credential; challenge?: string; origin?: string; counter?: number } = {},
    ) {
      const allowed = options.allowCredentials?.map((c) => c.id);
      const credential =
        bend.credential ??
        credentials.find((c) => !allowed?.length || allowed.includes(c.id)) ??
        credentials[0];
      if (!credential) throw new Error('this authenticator has no passkey');
      credential.counter = bend.counter ?? credential.counter + 1;
      const authData = Buffer.concat([
        sha256(options.rpId ?? credential.rpId),
        Buffer.from([0x05]), // user present, user verified
        counterBytes(credential.counter),
      ]);
      const data = clientData(
        'webauthn.get',
        bend.challenge ?? options.challenge,
        bend.origin ?? origin,
      );
      const signature = sign(
        'sha256',
        Buffer.concat([authData, sha256(data)]),
        credential.privateKey,
      );
      return {
        id: credential.id,
        rawId: credential.id,
        type: 'public-key',
        response: {
          clientDataJSON: b64url(data),
          authenticatorData: b64url(authData),
          signature: b64url(signature),
          userHandle: credential.userHandle,
        },
        clientExtensionResults: {},
      };
    },
  };
}

/** The soft authenticator. */
export type SoftAuthenticator = ReturnType<typeof createSoftAuthenticator>;
