/**
 * A hospital's own matching settings, from the environment:
 * - `VIGIL_PRIORITY_POLICY`: a JSON file replacing the default priority policy (core/matching/priority.ts):
 *   `{ "epssLikely": 0.1, "responseDays": { "P1": 0, "P2": 7, "P3": 30, "P4": 90 }, "rules": [...],
 *   "mitigatingControls": ["segmentation"] }`,
 *   checked whole, each problem named by its JSON path;
 * - `VIGIL_CPE_MATCH_PURL_TYPES`: the purl types whose components are CPE-matched too (`generic` by default;
 *   `all`, or a list such as `generic,npm`).
 */
import { readFileSync } from 'node:fs';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { CLINICAL_CRITICALITIES, COMPENSATING_CONTROL_KINDS } from '../core/device.js';
import { DEFAULT_CPE_PURL_TYPES, type MatchOptions } from '../core/matching/engine.js';
import { DEFAULT_PRIORITY_POLICY, PRIORITIES, type PriorityPolicy } from '../core/matching/priority.js';
import { UsageError } from './errors.js';

const Priority = Type.Union(PRIORITIES.map((p) => Type.Literal(p)));
const oneOf = (values: readonly string[]) => Type.Array(Type.Union(values.map((v) => Type.Literal(v))));
const Days = Type.Integer({ minimum: 0, maximum: 3650 });

const PolicySchema = Type.Object(
  {
    epssLikely: Type.Number({ minimum: 0, maximum: 1 }),
    responseDays: Type.Object({ P1: Days, P2: Days, P3: Days, P4: Days }, { additionalProperties: false }),
    rules: Type.Array(
      Type.Object(
        {
          priority: Priority,
          reason: Type.String({ minLength: 1, maxLength: 200 }),
          when: Type.Object(
            {
              exploitation: Type.Optional(oneOf(['known', 'likely', 'unproven'])),
              criticality: Type.Optional(oneOf(CLINICAL_CRITICALITIES)),
              exposure: Type.Optional(oneOf(['internet', 'network', 'isolated', 'unknown'])),
              minCvss: Type.Optional(Type.Number({ minimum: 0, maximum: 10 })),
            },
            { additionalProperties: false },
          ),
        },
        { additionalProperties: false },
      ),
      { maxItems: 100 },
    ),
    mitigatingControls: Type.Optional(oneOf(COMPENSATING_CONTROL_KINDS)),
  },
  { additionalProperties: false },
);

export interface MatchSettings extends MatchOptions {
  policy: PriorityPolicy;
}

export function matchSettings(env: NodeJS.ProcessEnv = process.env): MatchSettings {
  return {
    policy: env.VIGIL_PRIORITY_POLICY ? readPolicy(env.VIGIL_PRIORITY_POLICY) : DEFAULT_PRIORITY_POLICY,
    cpePurlTypes: cpePurlTypes(env.VIGIL_CPE_MATCH_PURL_TYPES),
  };
}

export function readPolicy(path: string): PriorityPolicy {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(
      `VIGIL_PRIORITY_POLICY: ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const problems = [...Value.Errors(PolicySchema, value)].slice(0, 10);
  if (problems.length)
    throw new UsageError(
      `VIGIL_PRIORITY_POLICY: ${path} is not a priority policy: ${problems.map((p) => `$${p.path.replaceAll('/', '.')}: ${p.message}`).join('; ')}.`,
    );
  return value as PriorityPolicy;
}

function cpePurlTypes(text: string | undefined): MatchOptions['cpePurlTypes'] {
  if (text === undefined || text.trim() === '') return DEFAULT_CPE_PURL_TYPES;
  if (text.trim() === 'all') return 'all';
  const types = text.split(',').map((t) => t.trim().toLowerCase());
  const bad = types.filter((t) => !/^[a-z][a-z0-9.+-]*$/.test(t));
  if (bad.length)
    throw new UsageError(`VIGIL_CPE_MATCH_PURL_TYPES: "${bad.join('", "')}" is not a package URL type.`);
  return new Set(types);
}
