import { describe, expect, it } from 'vitest';
import { isCommonPassword } from '../workers/auth/common-passwords.ts';
import { constantTimeEqual, hashPassword, PBKDF2_ITERATIONS, verifyPassword } from '../workers/auth/password.ts';

describe('password hashing', () => {
  it('uses PBKDF2-SHA256 at 100,000 iterations with a fresh salt per hash', async () => {
    const a = await hashPassword('same password!', 'pepper');
    const b = await hashPassword('same password!', 'pepper');
    expect(PBKDF2_ITERATIONS).toBe(100_000);
    expect(a).toMatch(/^pbkdf2-sha256\$100000\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(a).not.toBe(b);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('right password', 'pepper');
    expect(await verifyPassword('right password', 'pepper', stored)).toBe(true);
    expect(await verifyPassword('right passwore', 'pepper', stored)).toBe(false);
  });

  it('depends on the pepper, so a stolen table alone is not enough', async () => {
    const stored = await hashPassword('right password', 'pepper one');
    expect(await verifyPassword('right password', 'pepper two', stored)).toBe(false);
  });

  it('refuses malformed stored hashes rather than throwing', async () => {
    expect(await verifyPassword('x', 'p', 'md5$abc')).toBe(false);
    expect(await verifyPassword('x', 'p', '')).toBe(false);
  });

  it('compares bytes without an early exit', () => {
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 3]))).toBe(false);
  });

  it('knows the common passwords that pass the length rule', () => {
    expect(isCommonPassword('Password123')).toBe(true);
    expect(isCommonPassword('qwertyuiop')).toBe(true);
    expect(isCommonPassword('violet kettle drum')).toBe(false);
  });
});
