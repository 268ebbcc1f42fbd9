/** Random secrets and the local Access key pair, with WebCrypto only (used by dev and tests). */
export function randomSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replaceAll('=', '');
}

/** A one-key KYC master key set (KYC_MASTER_KEYS, KYC_ACTIVE_KEY_ID): 32 random bytes under a dated id. */
export function kycMasterKeys(id = `dev-${new Date().toISOString().slice(0, 10)}`): {
  KYC_MASTER_KEYS: string;
  KYC_ACTIVE_KEY_ID: string;
} {
  return { KYC_MASTER_KEYS: JSON.stringify({ [id]: randomSecret() }), KYC_ACTIVE_KEY_ID: id };
}

export async function accessKeyPair(): Promise<string> {
  const pair = (await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true,
    ['sign', 'verify'],
  )) as CryptoKeyPair;
  const jwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
  return JSON.stringify({ ...jwk, kid: `dev-${randomSecret().slice(0, 8)}`, alg: 'RS256' });
}

/** A VAPID key pair for web push (VAPID_PUBLIC_KEY: the raw uncompressed point; VAPID_PRIVATE_KEY: d), base64url. */
export async function vapidKeys(): Promise<{ VAPID_PUBLIC_KEY: string; VAPID_PRIVATE_KEY: string }> {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, [
    'deriveBits',
  ])) as CryptoKeyPair;
  const raw = new Uint8Array((await crypto.subtle.exportKey('raw', pair.publicKey)) as ArrayBuffer);
  const jwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
  const url = (bytes: Uint8Array) =>
    btoa(String.fromCharCode(...bytes))
      .replaceAll('+', '-')
      .replaceAll('/', '_')
      .replaceAll('=', '');
  return { VAPID_PUBLIC_KEY: url(raw), VAPID_PRIVATE_KEY: jwk.d! };
}
