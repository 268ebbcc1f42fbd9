/**
 * A browser's side of web push, for tests: a P-256 key pair and auth secret (what PushManager makes), and
 * decryption of an aes128gcm push (RFC 8291) with them, which proves the Worker encrypted it right.
 */
const url64 = (bytes: Uint8Array<ArrayBuffer>) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const bytesOf = (base64: string) =>
  Uint8Array.from(atob(base64.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
const text = (s: string) => new Uint8Array(new TextEncoder().encode(s));
const join = (...parts: Uint8Array<ArrayBuffer>[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};

async function hkdf(
  salt: Uint8Array<ArrayBuffer>,
  ikm: Uint8Array<ArrayBuffer>,
  info: Uint8Array<ArrayBuffer>,
  length: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const key = await crypto.subtle.importKey('raw', ikm, 'HKDF', false, ['deriveBits']);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info }, key, length * 8));
}

export class PushSubscriber {
  readonly endpoint: string;
  private readonly keys: CryptoKeyPair;
  private readonly publicRaw: Uint8Array<ArrayBuffer>;
  private readonly authSecret: Uint8Array<ArrayBuffer>;

  private constructor(
    endpoint: string,
    keys: CryptoKeyPair,
    publicRaw: Uint8Array<ArrayBuffer>,
    authSecret: Uint8Array<ArrayBuffer>,
  ) {
    this.endpoint = endpoint;
    this.keys = keys;
    this.publicRaw = publicRaw;
    this.authSecret = authSecret;
  }

  /** A subscription on the local push service's origin; `id` picks its behaviour (see dev/push-service.ts). */
  static async create(id = `sub-${crypto.randomUUID()}`): Promise<PushSubscriber> {
    const keys = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, [
      'deriveBits',
    ])) as CryptoKeyPair;
    const publicRaw = new Uint8Array((await crypto.subtle.exportKey('raw', keys.publicKey)) as ArrayBuffer);
    return new PushSubscriber(
      `https://push.encore.local/p/${id}`,
      keys,
      publicRaw,
      crypto.getRandomValues(new Uint8Array(16)),
    );
  }

  get id(): string {
    return this.endpoint.split('/').at(-1)!;
  }

  /** What the browser's `PushSubscription.toJSON()` gives, for POST /api/me/push-subscriptions. */
  toJSON() {
    return { endpoint: this.endpoint, keys: { p256dh: url64(this.publicRaw), auth: url64(this.authSecret) } };
  }

  /** Decrypts one aes128gcm body (base64) into its text. */
  async decrypt(base64Body: string): Promise<string> {
    const body = bytesOf(base64Body);
    const salt = body.slice(0, 16);
    const idLength = body[20]!;
    const senderRaw = body.slice(21, 21 + idLength);
    const ciphertext = body.slice(21 + idLength);
    const sender = await crypto.subtle.importKey('raw', senderRaw, { name: 'ECDH', namedCurve: 'P-256' }, false, []);
    const shared = new Uint8Array(
      // workers-types spells the field `$public`; the runtime reads `public`.
      await crypto.subtle.deriveBits(
        { name: 'ECDH', public: sender } as unknown as Parameters<typeof crypto.subtle.deriveBits>[0],
        this.keys.privateKey,
        256,
      ),
    );
    const ikm = await hkdf(this.authSecret, shared, join(text('WebPush: info\0'), this.publicRaw, senderRaw), 32);
    const cek = await hkdf(salt, ikm, text('Content-Encoding: aes128gcm\0'), 16);
    const nonce = await hkdf(salt, ikm, text('Content-Encoding: nonce\0'), 12);
    const key = await crypto.subtle.importKey('raw', cek, 'AES-GCM', false, ['decrypt']);
    const padded = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: nonce }, key, ciphertext));
    let end = padded.length - 1;
    while (end >= 0 && padded[end] === 0) end--;
    if (padded[end] !== 2) throw new Error('not the last record of an aes128gcm body');
    return new TextDecoder().decode(padded.slice(0, end));
  }
}

/** The pushes the local push service received for one subscription, oldest first. */
export async function pushesTo(subscriber: PushSubscriber): Promise<{ body: string; topic: string | null }[]> {
  const response = await fetch(`http://push-service.test/received?id=${subscriber.id}`);
  return ((await response.json()) as { pushes: { body: string; topic: string | null }[] }).pushes;
}
