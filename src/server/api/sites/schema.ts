import { type Static, Type } from '@sinclair/typebox';
import { Id } from '../../schemas.js';

export const SiteSchema = Type.Object({
  id: Id,
  name: Type.String(),
  code: Type.Optional(Type.String()),
  city: Type.Optional(Type.String()),
  deviceCount: Type.Integer(),
});
export type SiteBody = Static<typeof SiteSchema>;
