import { Type } from '@sinclair/typebox';
import { PRIORITIES } from '../../../core/matching/priority.js';
import { Id, StringEnum } from '../../schemas.js';
import { VulnerabilityId } from '../findings/schema.js';

export const VulnerabilityParams = Type.Object({ id: VulnerabilityId }, { additionalProperties: false });

const Score = Type.Object({
  advisoryId: Type.String(),
  feed: Type.String(),
  version: Type.String(),
  vector: Type.String(),
  baseScore: Type.Number(),
  severity: Type.String(),
  source: Type.Optional(Type.String()),
  type: Type.Optional(Type.String()),
});

export const VulnerabilitySchema = Type.Object({
  id: Type.String({ description: 'Its CVE when it has exactly one, otherwise its smallest id.' }),
  ids: Type.Array(Type.String()),
  links: Type.Array(Type.Object({ from: Type.String(), to: Type.String() }), {
    description: 'The alias links that grouped these ids: why they are one vulnerability.',
  }),
  withdrawn: Type.Array(Type.String()),
  advisories: Type.Array(
    Type.Object({
      id: Type.String(),
      source: Type.String(),
      modified: Type.String(),
      published: Type.Optional(Type.String()),
      withdrawn: Type.Optional(Type.String()),
      summary: Type.Optional(Type.String()),
      aliases: Type.Array(Type.String()),
      importedAt: Type.String(),
    }),
  ),
  nvd: Type.Optional(
    Type.Object({
      id: Type.String(),
      published: Type.String(),
      lastModified: Type.String(),
      vulnStatus: Type.String(),
      withdrawn: Type.Optional(Type.String()),
      description: Type.Optional(Type.String()),
      cwes: Type.Array(Type.String()),
      references: Type.Array(
        Type.Object({
          url: Type.String(),
          source: Type.Optional(Type.String()),
          tags: Type.Array(Type.String()),
        }),
      ),
      importedAt: Type.String(),
    }),
  ),
  cvss: Type.Array(Score),
  references: Type.Array(
    Type.Object({ url: Type.String(), source: Type.String(), tags: Type.Array(Type.String()) }),
    { description: 'Every reference of its NVD record and advisories, each address once.' },
  ),
  kev: Type.Optional(
    Type.Object({
      cveId: Type.String(),
      vendorProject: Type.String(),
      product: Type.String(),
      vulnerabilityName: Type.String(),
      dateAdded: Type.String(),
      shortDescription: Type.String(),
      requiredAction: Type.String(),
      dueDate: Type.String(),
      knownRansomwareCampaignUse: Type.String(),
      notes: Type.String(),
      cwes: Type.Array(Type.String()),
    }),
  ),
  epss: Type.Optional(
    Type.Object({
      cveId: Type.String(),
      epss: Type.Number(),
      percentile: Type.Number(),
      scoreDate: Type.Optional(Type.String()),
      modelVersion: Type.Optional(Type.String()),
    }),
  ),
  impact: Type.Object({
    productVersions: Type.Array(
      Type.Object({
        id: Id,
        supplier: Type.String(),
        product: Type.String(),
        version: Type.String(),
        deviceType: Type.Optional(Type.String()),
        components: Type.Array(Type.Object({ name: Type.String(), version: Type.Optional(Type.String()) })),
        priority: StringEnum(PRIORITIES),
        dueDate: Type.String(),
        devices: Type.Integer(),
        internetExposed: Type.Integer(),
      }),
    ),
    bySite: Type.Array(Type.Object({ siteId: Id, site: Type.String(), devices: Type.Integer() })),
    devices: Type.Integer({ description: 'Devices (not retired) running an affected product version.' }),
    internetExposed: Type.Integer({
      description: 'Of those, devices with an address reachable from the internet.',
    }),
  }),
});
