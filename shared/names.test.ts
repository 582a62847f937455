import { describe, expect, it } from 'vitest';
import { isolateName, nameProblem, NAME_MAX_LENGTH } from './names.js';

describe('nameProblem', () => {
  it('accepts names in any script, with emoji joiners', () => {
    for (const name of ['Acme Robotics', 'شركة النور', '株式会社', '👩‍💻 Team', 'Ünïcødé', 'x'.repeat(NAME_MAX_LENGTH)])
      expect([name, nameProblem(name)]).toEqual([name, null]);
  });
  it('refuses empty, overlong, control, bidi and invisible characters', () => {
    for (const name of [
      '',
      '   ',
      'x'.repeat(NAME_MAX_LENGTH + 1),
      'a\nb',
      'a\u202Eb',
      'a\u2066b',
      'a\u200Bb',
      'a\uFEFFb',
      'a\u200Fb',
      'a\u00ADb',
      'a\u2028b',
    ]) {
      expect([JSON.stringify(name), nameProblem(name)]).not.toEqual([JSON.stringify(name), null]);
    }
  });
});

describe('isolateName', () => {
  it('isolates right-to-left and bidi-carrying names, and leaves others as they are', () => {
    expect(isolateName('Acme')).toBe('Acme');
    expect(isolateName('نور')).toBe('\u2068نور\u2069');
    expect(isolateName('a\u202Eb')).toBe('\u2068a\u202Eb\u2069');
  });
});
