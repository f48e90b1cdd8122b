import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PRIORITY_POLICY,
  decidePriority,
  exploitationOf,
  type PriorityInput,
  type PriorityPolicy,
} from '../../../src/core/matching/priority.js';

const FIRST_SEEN = '2026-03-28T23:30:00Z';
const input = (extra: Partial<PriorityInput>): PriorityInput => ({
  kev: false,
  exposure: 'network',
  ...extra,
});
const decide = (extra: Partial<PriorityInput>) => decidePriority(input(extra), FIRST_SEEN);

describe('finding priority', () => {
  describe('the default policy, rule by rule', () => {
    it('puts a known exploited flaw on a life-critical or high-criticality device first (P1)', () => {
      for (const criticality of ['life-critical', 'high'] as const)
        expect(decide({ kev: true, criticality, cvss: 5 })).toMatchObject({
          priority: 'P1',
          reason: 'known exploited on a life-critical or high-criticality device',
          exploitation: 'known',
        });
    });

    it('puts a known exploited flaw on a device reachable from the internet first (P1), whatever its criticality', () => {
      expect(decide({ kev: true, criticality: 'low', exposure: 'internet' })).toMatchObject({
        priority: 'P1',
        reason: 'known exploited on a device reachable from the internet',
      });
    });

    it('makes any other known exploited flaw P2, even of low severity', () => {
      expect(decide({ kev: true, criticality: 'medium', cvss: 3.1 })).toMatchObject({
        priority: 'P2',
        reason: 'known exploited',
      });
      expect(decide({ kev: true, exposure: 'isolated' }).priority).toBe('P2');
    });

    it('makes a likely exploited, severe flaw on a critical device P2, and a less severe one P3', () => {
      const likely = { epss: 0.4, criticality: 'life-critical' as const };
      expect(decide({ ...likely, cvss: 7 })).toMatchObject({
        priority: 'P2',
        reason: 'likely to be exploited, severe, on a life-critical or high-criticality device',
        exploitation: 'likely',
      });
      expect(decide({ ...likely, cvss: 6.9 })).toMatchObject({
        priority: 'P3',
        reason: 'likely to be exploited',
      });
      // Without a score, severity cannot be shown.
      expect(decide(likely).priority).toBe('P3');
    });

    it('makes a critical flaw on a device reachable from the internet P2', () => {
      expect(decide({ cvss: 9.8, exposure: 'internet' })).toMatchObject({
        priority: 'P2',
        reason: 'critical severity on a device reachable from the internet',
        exploitation: 'unproven',
      });
      expect(decide({ cvss: 8.9, exposure: 'internet' }).priority).toBe('P3');
    });

    it('makes a likely exploited flaw P3, by EPSS at the threshold or by a public exploit', () => {
      expect(decide({ epss: 0.1 })).toMatchObject({ priority: 'P3', exploitation: 'likely' });
      expect(decide({ epss: 0.0999 })).toMatchObject({ priority: 'P4', exploitation: 'unproven' });
      expect(decide({ exploitReferenced: true })).toMatchObject({
        priority: 'P3',
        reason: 'likely to be exploited',
      });
    });

    it('makes a high or critical flaw P3', () => {
      expect(decide({ cvss: 7 })).toMatchObject({ priority: 'P3', reason: 'high or critical severity' });
      expect(decide({ cvss: 9.8, exposure: 'isolated' }).priority).toBe('P3');
    });

    it('leaves everything else P4', () => {
      expect(decide({ cvss: 6.9, criticality: 'life-critical' })).toMatchObject({
        priority: 'P4',
        reason: 'no sign of exploitation, lower severity',
        exploitation: 'unproven',
      });
      expect(decide({}).priority).toBe('P4');
    });

    it('reads exploitation as known from KEV before anything else', () => {
      expect(exploitationOf(input({ kev: true, epss: 0 }), DEFAULT_PRIORITY_POLICY)).toBe('known');
      expect(exploitationOf(input({ epss: 0.9 }), DEFAULT_PRIORITY_POLICY)).toBe('likely');
      expect(exploitationOf(input({}), DEFAULT_PRIORITY_POLICY)).toBe('unproven');
    });
  });

  describe('due dates', () => {
    it('counts the response time of each priority from the day the finding was first seen', () => {
      expect(decide({ kev: true, criticality: 'high' }).dueDate).toBe('2026-03-28');
      expect(decide({ kev: true }).dueDate).toBe('2026-04-04');
      expect(decide({ cvss: 7.5 }).dueDate).toBe('2026-04-27');
      expect(decide({}).dueDate).toBe('2026-06-26');
    });

    it("brings a KEV finding's due date forward to KEV's own due date", () => {
      expect(decide({ kev: true, kevDueDate: '2026-04-01' }).dueDate).toBe('2026-04-01');
      expect(decide({ kev: true, kevDueDate: '2026-03-28' }).dueDate).toBe('2026-03-28');
    });

    it("keeps the policy's due date when KEV's is later", () => {
      expect(decide({ kev: true, kevDueDate: '2026-05-01' }).dueDate).toBe('2026-04-04');
    });

    it('does not make a finding overdue on the day it is first seen because KEV’s date passed before', () => {
      expect(decide({ kev: true, kevDueDate: '2022-01-10' }).dueDate).toBe('2026-04-04');
    });
  });

  describe('a policy of its own', () => {
    it('replaces the rules, the EPSS threshold and the response times as a whole', () => {
      const policy: PriorityPolicy = {
        epssLikely: 0.5,
        responseDays: { P1: 1, P2: 2, P3: 3, P4: 4 },
        rules: [{ priority: 'P1', reason: 'anything likely', when: { exploitation: ['likely'] } }],
      };
      expect(decidePriority(input({ epss: 0.4 }), FIRST_SEEN, policy)).toMatchObject({
        priority: 'P4',
        exploitation: 'unproven',
        dueDate: '2026-04-01',
      });
      expect(decidePriority(input({ epss: 0.5 }), FIRST_SEEN, policy)).toMatchObject({
        priority: 'P1',
        reason: 'anything likely',
        dueDate: '2026-03-29',
      });
      expect(decidePriority(input({ kev: true }), FIRST_SEEN, policy).priority).toBe('P4');
    });
  });

  describe('compensating controls', () => {
    it('lower a finding one step when every device carrying it is segmented, and say so', () => {
      const decision = decide({ kev: true, criticality: 'life-critical', controls: ['segmentation'] });
      expect(decision.priority).toBe('P2');
      expect(decision.reason).toBe(
        'known exploited on a life-critical or high-criticality device; lowered from P1 by compensating controls on every device (segmentation)',
      );
      expect(decision.dueDate).toBe('2026-04-04');
      expect(decide({ cvss: 7.5, controls: ['segmentation'] }).priority).toBe('P4');
    });

    it('never lower below P4, never for a device reachable from the internet, and not for controls the policy does not name', () => {
      expect(decide({ cvss: 2, controls: ['segmentation'] })).toMatchObject({
        priority: 'P4',
        reason: 'no sign of exploitation, lower severity',
      });
      expect(decide({ kev: true, exposure: 'internet', controls: ['segmentation'] }).priority).toBe('P1');
      expect(decide({ kev: true, controls: ['monitoring', 'removable-media-blocked'] }).priority).toBe('P2');
    });

    it('follow the policy: its own list of mitigating controls, or none', () => {
      const withMonitoring: PriorityPolicy = {
        ...DEFAULT_PRIORITY_POLICY,
        mitigatingControls: ['monitoring'],
      };
      expect(
        decidePriority(input({ kev: true, controls: ['monitoring'] }), FIRST_SEEN, withMonitoring).priority,
      ).toBe('P3');
      const none: PriorityPolicy = { ...DEFAULT_PRIORITY_POLICY, mitigatingControls: [] };
      expect(
        decidePriority(input({ kev: true, controls: ['segmentation'] }), FIRST_SEEN, none).priority,
      ).toBe('P2');
    });
  });
});
