import { describe, expect, it } from 'vitest';
import { opensslScheme } from '../../../src/core/versions/openssl.js';
import { compareVersionTexts } from '../../../src/core/versions/scheme.js';

const order = (a: string, b: string) => Math.sign(compareVersionTexts(opensslScheme, a, b));

function expectAscending(versions: string[]) {
  for (let i = 0; i < versions.length; i++)
    for (let j = i + 1; j < versions.length; j++) {
      expect(`${versions[i]} ${order(versions[i]!, versions[j]!)} ${versions[j]}`).toBe(
        `${versions[i]} -1 ${versions[j]}`,
      );
      expect(order(versions[j]!, versions[i]!)).toBe(1);
    }
}

describe('OpenSSL versions', () => {
  it('orders legacy letter releases, pre-releases before their release', () => {
    expectAscending([
      '0.9.8',
      '0.9.8a',
      '0.9.8z',
      '0.9.8za',
      '0.9.8zh',
      '1.0.0-beta1',
      '1.0.0-beta2',
      '1.0.0',
      '1.0.0a',
      '1.0.1',
    ]);
    expectAscending(['1.1.0-pre1', '1.1.0-pre2', '1.1.0-pre10', '1.1.0', '1.1.0a', '1.1.1', '1.1.1w']);
  });

  it('puts every legacy version before every SemVer one (3.0.0 on)', () => {
    expectAscending(['1.1.1zz', '3.0.0-alpha1', '3.0.0-beta1', '3.0.0', '3.0.1', '3.1.0', '4.1.11']);
  });

  it('refuses versions of neither numbering', () => {
    for (const text of ['', '2.0.0', '1.0.3', '1.0.1f1', '0.9.9a', '1.0.1-rc1', 'openssl-3.0.0']) {
      expect([text, opensslScheme.parse(text)]).toEqual([text, undefined]);
    }
  });
});
