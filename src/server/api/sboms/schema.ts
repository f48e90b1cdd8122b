import { type Static, Type } from '@sinclair/typebox';
import { Id, listQuery, ProblemSchema, SearchText, StringEnum } from '../../schemas.js';

export const SbomSchema = Type.Object({
  id: Id,
  productVersionId: Id,
  format: Type.String({ examples: ['cyclonedx', 'spdx'] }),
  specVersion: Type.String({ examples: ['1.6', '2.3'] }),
  encoding: Type.String({ examples: ['json', 'xml', 'tag-value'] }),
  serialNumber: Type.Optional(Type.String()),
  sha256: Type.String({ description: 'Of the document exactly as received.' }),
  byteSize: Type.Integer(),
  fileName: Type.Optional(Type.String()),
  receivedAt: Type.String({ format: 'date-time' }),
  supersededAt: Type.Optional(
    Type.String({ format: 'date-time', description: 'When a newer SBOM replaced it.' }),
  ),
  current: Type.Boolean({ description: 'Whether it is the SBOM that answers for its product version now.' }),
  componentCount: Type.Integer(),
  dependencyCount: Type.Integer(),
  warnings: Type.Array(ProblemSchema, { description: 'What the importer noticed and accepted.' }),
});
export type SbomBody = Static<typeof SbomSchema>;

export const ComponentSchema = Type.Object({
  id: Id,
  sbomId: Id,
  ref: Type.String({ description: 'CycloneDX bom-ref or SPDX SPDXID, unique in its SBOM.' }),
  parentRef: Type.Optional(Type.String()),
  type: Type.String({ examples: ['library', 'operating-system', 'firmware'] }),
  name: Type.String(),
  group: Type.Optional(Type.String()),
  version: Type.Optional(Type.String()),
  purl: Type.Optional(Type.String()),
  cpe: Type.Optional(Type.String()),
  supplier: Type.Optional(Type.String()),
  licenses: Type.Array(Type.String()),
  hashes: Type.Array(Type.Object({ alg: Type.String(), value: Type.String() })),
  dependsOn: Type.Array(Type.String(), { description: 'Refs of the components it depends on directly.' }),
});
export type ComponentBody = Static<typeof ComponentSchema>;

export const ComponentListQuery = listQuery(['name'] as const, {
  q: Type.Optional({ ...SearchText, description: 'Part of the component name.' }),
});

export const ProblemListSchema = Type.Array(ProblemSchema);

export const ImportSbomQuery = Type.Object(
  {
    supplier: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 300,
        description: 'Overrides the supplier the document names.',
      }),
    ),
    product: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 300,
        description: 'Overrides the product the document describes.',
      }),
    ),
    productVersion: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: 'Overrides the product version the document describes.',
      }),
    ),
    fileName: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 255,
        description: 'The file name, kept with the SBOM and named in problems.',
      }),
    ),
    strict: Type.Optional(
      Type.Boolean({ default: false, description: 'Refuse documents with warnings too.' }),
    ),
  },
  { additionalProperties: false },
);

export const ImportSbomResultSchema = Type.Object({
  status: StringEnum(['imported', 'unchanged'] as const, {
    description: '`unchanged`: the same document is already current; nothing was stored.',
  }),
  target: Type.Object({
    supplier: Type.String(),
    product: Type.String(),
    version: Type.String(),
    deviceType: Type.Optional(Type.String()),
  }),
  format: Type.String(),
  specVersion: Type.String(),
  componentCount: Type.Integer(),
  dependencyCount: Type.Integer(),
  sbomId: Type.Optional(Id),
  productVersionId: Type.Optional(Id),
  replacedSbomId: Type.Optional({ ...Id, description: 'The SBOM this one replaced, now kept in history.' }),
  warnings: ProblemListSchema,
});
export type ImportSbomResultBody = Static<typeof ImportSbomResultSchema>;

/** A document is read as bytes, whatever its media type; the format is recognised from its content. */
export const RawDocumentSchema = Type.Unknown({
  description:
    'The SBOM exactly as the supplier delivered it: CycloneDX (JSON, XML) or SPDX 2.2/2.3 (JSON, tag-value).',
});

export const SbomGraphSchema = Type.Object({
  nodes: Type.Array(
    Type.Object({
      ref: Type.String(),
      name: Type.String(),
      group: Type.Optional(Type.String()),
      version: Type.Optional(Type.String()),
      type: Type.String(),
      purl: Type.Optional(Type.String()),
    }),
  ),
  edges: Type.Array(
    Type.Object({
      from: Type.String(),
      to: Type.String(),
      kind: Type.Unsafe<'depends' | 'contains'>({ type: 'string', enum: ['depends', 'contains'] }),
    }),
  ),
  truncated: Type.Boolean({ description: 'True when the graph was cut to the nodes nearest its roots.' }),
});

export const SbomDiffQuery = Type.Object({ from: Id, to: Id }, { additionalProperties: false });

const DiffComponentSchema = Type.Object({
  name: Type.String(),
  group: Type.Optional(Type.String()),
  version: Type.Optional(Type.String()),
  purl: Type.Optional(Type.String()),
  type: Type.String(),
});

export const SbomDiffSchema = Type.Object({
  from: SbomSchema,
  to: SbomSchema,
  added: Type.Array(DiffComponentSchema),
  removed: Type.Array(DiffComponentSchema),
  changed: Type.Array(
    Type.Object({
      name: Type.String(),
      group: Type.Optional(Type.String()),
      purl: Type.Optional(Type.String()),
      fromVersion: Type.Optional(Type.String()),
      toVersion: Type.Optional(Type.String()),
    }),
  ),
  unchanged: Type.Integer({ description: 'Components in both, in the same version.' }),
});
