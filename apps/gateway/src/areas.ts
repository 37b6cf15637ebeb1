/**
 * The gateway's areas, one line each. An area is a folder src/<name>/ with <name>.graphql (its
 * SDL: types, and `extend type Query/Mutation/...` for its fields) and <name>.resolvers.ts
 * (`export const resolvers: Resolvers`). The schema is the merge of every area's SDL and resolvers.
 */
export { resolvers as shared } from './shared/shared.resolvers';
export { resolvers as trusts } from './trusts/trusts.resolvers';
export { resolvers as interventions } from './interventions/interventions.resolvers';
export { resolvers as series } from './series/series.resolvers';
export { resolvers as metrics } from './metrics/metrics.resolvers';
export { resolvers as coverage } from './coverage/coverage.resolvers';
export { resolvers as spc } from './spc/spc.resolvers';
export { resolvers as outcomes } from './outcomes/outcomes.resolvers';
export { resolvers as peers } from './peers/peers.resolvers';
export { resolvers as evidence } from './evidence/evidence.resolvers';
export { resolvers as projection } from './projection/projection.resolvers';
export { resolvers as viewer } from './viewer/viewer.resolvers';
export { resolvers as benchmark } from './benchmark/benchmark.resolvers';
export { resolvers as mentorship } from './mentorship/mentorship.resolvers';
export { resolvers as adoption } from './adoption/adoption.resolvers';
export { resolvers as activity } from './activity/activity.resolvers';
export { resolvers as lessons } from './lessons/lessons.resolvers';
export { resolvers as asof } from './asof/asof.resolvers';
export { resolvers as programmes } from './programmes/programmes.resolvers';
export { resolvers as sustainability } from './sustainability/sustainability.resolvers';
export { resolvers as diagrams } from './diagrams/diagrams.resolvers';
export { resolvers as measures } from './measures/measures.resolvers';
