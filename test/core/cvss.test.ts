import { describe, expect, it } from 'vitest';
import { cvssSeverity, parseCvss, parseOsvSeverity } from '../../src/core/cvss.js';

const score = (vector: string) => {
  const result = parseCvss(vector);
  if (!result.ok) throw new Error(result.reason);
  return result.score;
};
const reason = (vector: string, ...expected: Parameters<typeof parseCvss>[1][]) => {
  const result = parseCvss(vector, expected[0]);
  return result.ok ? undefined : result.reason;
};

describe('CVSS vectors', () => {
  it('scores a vector of each version as FIRST and NVD do', () => {
    expect(score('AV:N/AC:L/Au:N/C:C/I:C/A:C')).toEqual({
      version: '2.0',
      vector: 'AV:N/AC:L/Au:N/C:C/I:C/A:C',
      baseScore: 10,
      severity: 'HIGH',
    });
    expect(score('AV:N/AC:M/Au:N/C:C/I:C/A:C')).toMatchObject({ baseScore: 9.3 });
    expect(score('CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toMatchObject({
      version: '3.0',
      baseScore: 9.8,
      severity: 'CRITICAL',
    });
    // EternalBlue (CVE-2017-0144), as NVD scores it.
    expect(score('CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H')).toMatchObject({
      version: '3.1',
      baseScore: 8.1,
      severity: 'HIGH',
    });
    expect(score('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N')).toMatchObject({
      version: '4.0',
      baseScore: 9.3,
      severity: 'CRITICAL',
    });
  });

  it('gives the base score whatever temporal, threat or environmental metrics follow', () => {
    expect(score('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O').baseScore).toBe(9.8);
    expect(score('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U').baseScore).toBe(9.3);
    expect(score('AV:N/AC:L/Au:N/C:C/I:C/A:C/E:U/RL:OF/RC:C').baseScore).toBe(10);
    // Bitnami writes v4 vectors whole, supplemental metrics and Provider Urgency (`U:Amber`) included.
    expect(
      score(
        'CVSS:4.0/AV:N/AC:H/AT:P/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:X/CR:X/IR:X/AR:X/MAV:X/MAC:X/MAT:X/MPR:X/MUI:X/MVC:X/MVI:X/MVA:X/MSC:X/MSI:X/MSA:X/S:X/AU:X/R:X/V:X/RE:X/U:Amber',
      ).version,
    ).toBe('4.0');
  });

  it('refuses a vector with a base metric missing, given twice or left undefined, in every version', () => {
    expect(reason('AV:N/AC:L/Au:N/C:C/I:C')).toMatch(/base metrics A are missing/);
    expect(reason('CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H')).toMatch(/A are missing/);
    expect(reason('CVSS:3.1/AV:N/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toMatch(/AV is given twice/);
    expect(reason('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:X')).toMatch(/A is not defined/);
    expect(reason('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N')).toMatch(/SA are missing/);
  });

  it('refuses an unknown metric or value, an unknown version, and what is not a vector', () => {
    expect(reason('CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toMatch(/Q/);
    expect(reason('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:Q')).toMatch(/ZZ/);
    expect(reason('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/XX:N')).toBeDefined();
    expect(reason('AV:N/AC:L/Au:Z/C:C/I:C/A:C')).toBeDefined();
    expect(reason('CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toMatch(/3.2 is not one Vigil reads/);
    expect(reason('CVSS:2.0/AV:N/AC:L/Au:N/C:C/I:C/A:C')).toMatch(/2.0 is not one/);
    expect(reason('banana')).toMatch(/not a CVSS vector/);
    expect(reason('')).toMatch(/not a CVSS vector/);
    expect(reason(`CVSS:3.1/${'AV:N/'.repeat(100)}`)).toBeDefined();
  });

  it('refuses a vector of another version than the source says', () => {
    expect(reason('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', ['3.0'])).toMatch(
      /is CVSS 3.1, but is given as 3.0/,
    );
    expect(reason('AV:N/AC:L/Au:N/C:C/I:C/A:C', ['3.0', '3.1'])).toMatch(/given as 3.0 or 3.1/);
  });

  it("rates a score in FIRST's bands, and a v2 score in NVD's", () => {
    expect(cvssSeverity('3.1', 0)).toBe('NONE');
    expect(cvssSeverity('3.1', 3.9)).toBe('LOW');
    expect(cvssSeverity('4.0', 6.9)).toBe('MEDIUM');
    expect(cvssSeverity('3.0', 8.9)).toBe('HIGH');
    expect(cvssSeverity('3.1', 9)).toBe('CRITICAL');
    expect(cvssSeverity('2.0', 10)).toBe('HIGH');
    expect(cvssSeverity('2.0', 3.9)).toBe('LOW');
  });

  it("scores OSV's CVSS severity types and leaves other types alone", () => {
    expect(parseOsvSeverity('CVSS_V3', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H')).toMatchObject({
      ok: true,
      score: { baseScore: 10 },
    });
    expect(parseOsvSeverity('CVSS_V4', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H')).toMatchObject({
      ok: false,
    });
    expect(parseOsvSeverity('CVSS_V2', 'AV:N/AC:L/Au:N/C:P/I:P/A:P')).toMatchObject({
      ok: true,
      score: { baseScore: 7.5 },
    });
    expect(parseOsvSeverity('Ubuntu', 'high')).toBeUndefined();
  });
});
