import { type Static, Type } from '@sinclair/typebox';
import { DEVICE_STATUSES } from '../../../core/device.js';
import { Id, SearchText, StringEnum } from '../../schemas.js';

export const ComponentFindQuery = Type.Object(
  {
    purl: Type.Optional(
      Type.String({
        minLength: 5,
        maxLength: 1000,
        description: 'A package URL; matches its package, and its version when it has one.',
      }),
    ),
    name: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 300,
        description: 'A component name; Maven-style `group:name` narrows by group.',
      }),
    ),
    version: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    deviceLimit: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 10_000,
        description: 'At most this many devices per product version (all when absent).',
      }),
    ),
  },
  { additionalProperties: false, description: 'Give `purl` or `name`.' },
);

export const ComponentLocationSchema = Type.Object({
  productVersion: Type.Object({
    id: Id,
    supplier: Type.String(),
    product: Type.String(),
    version: Type.String(),
    sbomId: Id,
  }),
  components: Type.Array(
    Type.Object({
      id: Id,
      name: Type.String(),
      group: Type.Optional(Type.String()),
      version: Type.Optional(Type.String()),
      purl: Type.Optional(Type.String()),
    }),
  ),
  deviceCount: Type.Integer({
    description: 'All devices running this product version, whatever `deviceLimit` says.',
  }),
  devices: Type.Array(
    Type.Object({
      id: Id,
      assetTag: Type.String(),
      site: Type.String(),
      department: Type.Optional(Type.String()),
      status: StringEnum(DEVICE_STATUSES),
      ipAddress: Type.Optional(Type.String()),
    }),
  ),
});
export type ComponentLocationBody = Static<typeof ComponentLocationSchema>;

export const ComponentSearchQuery = Type.Object(
  {
    q: { ...SearchText, description: 'Part of a component name.' },
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  },
  { additionalProperties: false },
);

export const ComponentSearchHitSchema = Type.Object({
  name: Type.String(),
  group: Type.Optional(Type.String()),
  version: Type.Optional(Type.String()),
  purl: Type.Optional(Type.String()),
  productVersionCount: Type.Integer({ description: 'Product versions whose current SBOM lists it.' }),
});
export type ComponentSearchHitBody = Static<typeof ComponentSearchHitSchema>;
