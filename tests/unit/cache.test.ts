import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/bank/cache.js';

describe('fingerprint', () => {
  it('is stable, 16 hex digits, and changes with any change to its input', () => {
    const base = 'question-bank/storage/s3.yaml\u00004120\u00001763900000000.123';
    expect(fingerprint(base)).toMatch(/^[0-9a-f]{16}$/);
    expect(fingerprint(base)).toBe(fingerprint(base));
    const variants = [
      base.replace('4120', '4121'),
      base.replace('.123', '.124'),
      `${base}x`,
      base.slice(1),
      '',
    ];
    const all = new Set([base, ...variants].map(fingerprint));
    expect(all.size).toBe(variants.length + 1);
  });
});
