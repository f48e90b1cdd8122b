import { Type } from '@sinclair/typebox';

export const StatsSchema = Type.Object({
  sites: Type.Integer(),
  suppliers: Type.Integer(),
  products: Type.Integer(),
  productVersions: Type.Integer(),
  sboms: Type.Integer({ description: 'Every SBOM stored, current and history.' }),
  components: Type.Integer({ description: 'Components in current SBOMs.' }),
  devices: Type.Integer(),
});
