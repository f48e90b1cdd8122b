import { describe, expect, it } from 'vitest';
import { nugetScheme } from '../../../src/core/versions/nuget.js';
import { compareVersionTexts } from '../../../src/core/versions/scheme.js';

const order = (a: string, b: string) => Math.sign(compareVersionTexts(nugetScheme, a, b));

function expectAscending(versions: string[]) {
  for (let i = 0; i < versions.length; i++)
    for (let j = i + 1; j < versions.length; j++) {
      expect(`${versions[i]} ${order(versions[i]!, versions[j]!)} ${versions[j]}`).toBe(
        `${versions[i]} -1 ${versions[j]}`,
      );
      expect(order(versions[j]!, versions[i]!)).toBe(1);
    }
}

describe('NuGet versions', () => {
  it('has a fourth, revision component, missing components being zero', () => {
    expectAscending(['1.0.0', '1.0.0.1', '1.0.0.2', '1.0.1', '1.1']);
    expect(order('1.0', '1.0.0.0')).toBe(0);
    expect(order('1', '1.0.0')).toBe(0);
  });

  it('reads leading zeros as numbers', () => {
    expect(order('1.0.01', '1.0.1.0')).toBe(0);
  });

  it('compares pre-release labels without regard to case, numbers as numbers', () => {
    expect(order('1.0.0-BETA', '1.0.0-beta')).toBe(0);
    expect(order('1.0.0-BETA.X.y.5.77.0', '1.0.0-beta.x.y.5.77.0')).toBe(0);
    expectAscending([
      '1.0.0-alpha',
      '1.0.0-BETA',
      '1.0.0-beta.1',
      '1.0.0-beta.2',
      '1.0.0-beta.10',
      '1.0.0-beta2',
      '1.0.0',
    ]);
  });

  it('ignores build metadata', () => {
    expect(order('1.0.0+AA', '1.0.0')).toBe(0);
    expect(order('1.0.0-beta+AA', '1.0.0-beta+zz')).toBe(0);
  });

  it('refuses text that is not a version, such as five components', () => {
    for (const text of ['', '1.0.0.0.0', '1.0-', 'abc', '1.0.0-beta..1', '[1.0,2.0)']) {
      expect(nugetScheme.parse(text)).toBeUndefined();
    }
  });
});
