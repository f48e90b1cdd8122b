import { Type } from '@sinclair/typebox';
import { Id } from '../../schemas.js';
import { StatsSchema } from '../stats/schema.js';

const Count = Type.Object({
  label: Type.Union([Type.String(), Type.Null()], { description: 'null: not recorded.' }),
  count: Type.Integer(),
});

export const DashboardSchema = Type.Object({
  counts: StatsSchema,
  devicesBySite: Type.Array(Type.Object({ id: Id, ...Count.properties })),
  devicesByType: Type.Array(Count),
  devicesByOs: Type.Array(Count),
  devicesByCriticality: Type.Array(Count),
  devicesByStatus: Type.Array(Count),
});
