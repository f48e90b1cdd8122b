import { Type } from '@sinclair/typebox';
import { StringEnum } from '../../schemas.js';

export const HealthSchema = Type.Object({
  status: StringEnum(['ok'] as const),
  database: StringEnum(['sqlite', 'postgres'] as const),
  version: Type.String({ description: 'Vigil version.' }),
});
