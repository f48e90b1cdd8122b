import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/app/errors.js';
import { matchSettings } from '../../src/app/match-settings.js';
import { DEFAULT_PRIORITY_POLICY } from '../../src/core/matching/priority.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-match-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('matching settings from the environment', () => {
  it('defaults to the default policy and CPE matching for generic packages only', () => {
    const settings = matchSettings({});
    expect(settings.policy).toBe(DEFAULT_PRIORITY_POLICY);
    expect(settings.cpePurlTypes).toEqual(new Set(['generic']));
  });

  it("reads a hospital's own policy, and CPE matching for more purl types", () => {
    const policy = { ...DEFAULT_PRIORITY_POLICY, responseDays: { P1: 1, P2: 14, P3: 60, P4: 180 } };
    const settings = matchSettings({
      VIGIL_PRIORITY_POLICY: file('policy.json', JSON.stringify(policy)),
      VIGIL_CPE_MATCH_PURL_TYPES: 'generic, npm',
    });
    expect(settings.policy.responseDays.P2).toBe(14);
    expect(settings.cpePurlTypes).toEqual(new Set(['generic', 'npm']));
    expect(matchSettings({ VIGIL_CPE_MATCH_PURL_TYPES: 'all' }).cpePurlTypes).toBe('all');
  });

  it('refuses a policy that does not hold, naming the JSON path', () => {
    const bad = { ...DEFAULT_PRIORITY_POLICY, rules: [{ priority: 'P9', reason: 'x', when: {} }] };
    const path = file('bad.json', JSON.stringify(bad));
    expect(() => matchSettings({ VIGIL_PRIORITY_POLICY: path })).toThrow(UsageError);
    expect(() => matchSettings({ VIGIL_PRIORITY_POLICY: path })).toThrow(/\$\.rules\.0\.priority/);
    expect(() => matchSettings({ VIGIL_PRIORITY_POLICY: file('broken.json', '{') })).toThrow(/broken\.json/);
    expect(() => matchSettings({ VIGIL_CPE_MATCH_PURL_TYPES: 'npm, Bad Type' })).toThrow(/Bad Type|bad type/);
  });
});
