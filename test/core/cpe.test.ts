import { describe, expect, it } from 'vitest';
import { cpeValueText, parseCpe23 } from '../../src/core/cpe.js';

const parsed = (text: string) => {
  const result = parseCpe23(text);
  if (!result.ok) throw new Error(result.reason);
  return result.cpe;
};
const reason = (text: string) => {
  const result = parseCpe23(text);
  return result.ok ? undefined : result.reason;
};

describe('CPE 2.3 formatted strings', () => {
  it('reads the eleven attributes of a platform, ANY (*) and NA (-) as such', () => {
    const cpe = parsed('cpe:2.3:o:microsoft:windows_7:-:sp1:*:*:*:*:x64:*');
    expect(cpe.part).toBe('o');
    expect(cpe.vendor).toEqual({ kind: 'value', value: 'microsoft', wildcard: false });
    expect(cpe.product).toEqual({ kind: 'value', value: 'windows_7', wildcard: false });
    expect(cpe.version).toEqual({ kind: 'na' });
    expect(cpe.update).toEqual({ kind: 'value', value: 'sp1', wildcard: false });
    expect(cpe.edition).toEqual({ kind: 'any' });
    expect(cpe.targetHw).toEqual({ kind: 'value', value: 'x64', wildcard: false });
    expect([cpe.version, cpe.edition].map(cpeValueText)).toEqual(['-', '*']);
  });

  it('unquotes escaped characters, so that a quoted colon or slash is part of the value', () => {
    expect(parsed('cpe:2.3:a:treck:tcp\\/ip:*:*:*:*:*:*:*:*').product).toMatchObject({ value: 'tcp/ip' });
    const colon = parsed('cpe:2.3:a:example:a\\:b:1.0\\:2:*:*:*:*:*:*:*');
    expect(colon.product).toMatchObject({ value: 'a:b' });
    expect(colon.version).toMatchObject({ value: '1.0:2' });
    expect(parsed('cpe:2.3:a:example:back\\\\slash:*:*:*:*:*:*:*:*').product).toMatchObject({
      value: 'back\\slash',
    });
    // A quoted * is a literal star, not ANY; a quoted - is a literal hyphen, not NA.
    expect(parsed('cpe:2.3:a:example:\\*:\\-:*:*:*:*:*:*:*').product).toEqual({
      kind: 'value',
      value: '*',
      wildcard: false,
    });
    expect(parsed('cpe:2.3:a:example:x:\\-:*:*:*:*:*:*:*').version).toMatchObject({
      kind: 'value',
      value: '-',
    });
  });

  it('keeps dots, hyphens and underscores unquoted, and lowercases values (CPE compares without case)', () => {
    const cpe = parsed('cpe:2.3:a:Apache:HTTP_Server:2.4.1-rc.1:*:*:*:*:*:*:*');
    expect(cpe.vendor).toMatchObject({ value: 'apache' });
    expect(cpe.product).toMatchObject({ value: 'http_server' });
    expect(cpe.version).toMatchObject({ value: '2.4.1-rc.1' });
  });

  it('accepts wildcards only at either end of a value', () => {
    expect(parsed('cpe:2.3:a:example:widget:1.*:*:*:*:*:*:*:*').version).toEqual({
      kind: 'value',
      value: '1.*',
      wildcard: true,
    });
    expect(parsed('cpe:2.3:a:example:widget:??1:*:*:*:*:*:*:*').version).toMatchObject({ wildcard: true });
    expect(reason('cpe:2.3:a:example:wid*get:*:*:*:*:*:*:*:*')).toMatch(/unquoted "\*" inside/);
    expect(reason('cpe:2.3:a:example:wi?dget:*:*:*:*:*:*:*:*')).toMatch(/unquoted "\?" inside/);
  });

  it('refuses a wrong number of attributes, naming how many there are', () => {
    expect(reason('cpe:2.3:a:example:widget:1.0:*:*:*:*:*:*')).toBe(
      'it has 10 attributes after "cpe:2.3:", not 11',
    );
    expect(reason('cpe:2.3:a:example:widget:1.0:*:*:*:*:*:*:*:*')).toMatch(/12 attributes/);
    // An escaped colon does not separate attributes.
    expect(reason('cpe:2.3:a:example:widget\\:1.0:*:*:*:*:*:*:*')).toMatch(/10 attributes/);
  });

  it('refuses what is not a CPE 2.3 formatted string', () => {
    expect(reason('cpe:/o:microsoft:windows_7')).toMatch(/does not start with "cpe:2.3:"/);
    expect(reason('cpe:2.3:x:example:widget:*:*:*:*:*:*:*:*')).toBe('its part is not a, o or h');
    expect(reason('cpe:2.3:-:example:widget:*:*:*:*:*:*:*:*')).toBe('its part is not a, o or h');
    expect(reason('cpe:2.3:a::widget:*:*:*:*:*:*:*:*')).toMatch(/vendor is empty/);
    expect(reason('cpe:2.3:a:example:tcp/ip:*:*:*:*:*:*:*:*')).toMatch(/"\/", which must be quoted/);
    expect(reason('cpe:2.3:a:example:two words:*:*:*:*:*:*:*:*')).toMatch(/must be quoted/);
    expect(reason('cpe:2.3:a:example:widget\\a:*:*:*:*:*:*:*:*')).toMatch(
      /quotes "a", which is not punctuation/,
    );
    expect(reason('cpe:2.3:a:example:widget:*:*:*:*:*:*:*:x\\')).toMatch(/lone backslash/);
    expect(reason(`cpe:2.3:a:example:${'x'.repeat(5000)}:*:*:*:*:*:*:*:*`)).toMatch(/longer than/);
  });
});
