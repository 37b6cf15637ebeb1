import type { Resolvers } from '../__generated__/resolvers-types';
import * as reads from './evidence.reads';

export const resolvers: Resolvers = {
  Query: {
    evidence: (_, { metric, category, asOf }, ctx) => reads.evidence(ctx, metric, category, asOf),
  },
  EvidenceSummary: {
    verdicts: (evidence) => reads.verdictCounts(evidence),
  },
  EvidenceStudy: {
    intervention: (study, _, ctx) => reads.studyIntervention(ctx, study),
  },
};
