import { findMetric } from '@longview/domain';
import type { InterventionView } from '@longview/contracts';
import type { Resolvers } from '../__generated__/resolvers-types';
import * as mutations from './diagrams.mutations';

export const resolvers: Resolvers = {
  Query: {
    driverDiagram: (_, { id }, ctx) => ctx.queries.getDriverDiagram(id, ctx.position.options()),
  },
  Mutation: {
    defineDriverDiagram: (_, { input }, ctx) => mutations.defineDriverDiagram(ctx, input),
    reviseDriverDiagram: (_, { input }, ctx) => mutations.reviseDriverDiagram(ctx, input),
  },
  DriverDiagram: {
    trust: async (diagram, _, ctx) => {
      const trust = await ctx.loaders.trusts.load(diagram.trustCode);
      if (!trust) throw new Error(`The trust ${diagram.trustCode} of driver diagram ${diagram.id} is not known yet`);
      return trust;
    },
    measureMetric: (diagram) => findMetric(diagram.measure) ?? null,
  },
  DriverDiagramChangeIdea: {
    // The query service lists only the interventions the viewer may see; the loader is the viewer's too.
    interventions: async (idea, _, ctx) =>
      (await ctx.loaders.interventions.loadMany([...idea.interventionIds])).filter((i): i is InterventionView => !!i && !(i instanceof Error)),
  },
  DriverDiagramPlacement: {
    driverDiagram: async (placement, _, ctx) => {
      const diagram = await ctx.queries.getDriverDiagram(placement.driverDiagramId, ctx.position.options());
      if (!diagram) throw new Error(`Driver diagram ${placement.driverDiagramId} is not readable`);
      return diagram;
    },
  },
  Trust: {
    driverDiagrams: (trust, _, ctx) => ctx.queries.listDriverDiagrams(trust.code, ctx.position.options()),
  },
  Intervention: {
    driverDiagramPlacements: (intervention, _, ctx) => ctx.queries.listDriverDiagramPlacements(intervention.id, ctx.position.options()),
  },
};
