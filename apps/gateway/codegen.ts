import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Resolver types from the areas' SDL (src/<area>/<area>.graphql). Parents are the query
 * service's views (mappers), the context is the gateway's; GraphQL enums become string unions
 * with a runtime object of their values (enumsAsConst) so the domain's unions fit them as they are.
 */
const config: CodegenConfig = {
  schema: 'src/**/*.graphql',
  // Keep the SDL's order (the loader sorts by default): the enums' runtime values follow it (e.g. the verdict counts).
  config: { sort: false },
  generates: {
    'src/__generated__/resolvers-types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        useTypeImports: true,
        immutableTypes: true,
        enumsAsConst: true,
        contextType: '../context#GatewayContext',
        // The domain's Target and the generated Target share a name.
        mapperTypeSuffix: 'Model',
        mappers: {
          Trust: '@longview/contracts#TrustView',
          Intervention: '@longview/contracts#InterventionView',
          MetricSeries: '@longview/contracts#SeriesView',
          Metric: '@longview/domain#MetricDefinition',
          LocalMeasure: '@longview/contracts#LocalMeasureView',
          Target: '@longview/domain#Target',
          SpcAnalysis: '@longview/contracts#SpcView',
          InterventionOutcome: '../outcomes/outcomes.reads#OutcomeParent',
          Peer: '@longview/contracts#PeerView',
          EvidenceSummary: '@longview/contracts#EvidenceView',
          EvidenceStudy: '@longview/contracts#EvidenceStudyView',
          Projection: '@longview/contracts#ProjectionView',
          ProjectionScenario: '../projection/projection.reads#ProjectionScenarioView',
          Viewer: '../viewer/viewer.reads#ViewerModel',
          Benchmark: '@longview/contracts#BenchmarkView',
          Funnel: '@longview/contracts#FunnelView',
          FunnelPoint: '@longview/contracts#FunnelPointView',
          MentorshipOffer: '@longview/contracts#MentorshipOfferView',
          Mentorship: '@longview/contracts#MentorshipView',
          MentorMatch: '@longview/contracts#MentorMatchView',
          MentorshipPerson: '@longview/contracts#MentorshipPersonView',
          Lesson: '@longview/contracts#LessonView',
          Comment: '@longview/contracts#CommentView',
          LineageNode: '@longview/contracts#LineageNodeView',
          Lineage: '@longview/contracts#LineageView',
          AdoptionEvidence: '@longview/contracts#AdoptionEvidenceView',
          Activity: '@longview/contracts#ActivityView',
          Programme: '../programmes/programmes.reads#ProgrammeParent',
          ProgrammeIntervention: '@longview/contracts#ProgrammeInterventionView',
          ProgrammeMember: '@longview/contracts#ProgrammeMemberView',
          Portfolio: '@longview/contracts#PortfolioView',
          PortfolioQuarter: '@longview/contracts#PortfolioQuarterView',
          PortfolioCounts: '../programmes/programmes.reads#PortfolioCountsModel',
          SustainabilityAssessment: '@longview/contracts#SustainabilityAssessmentView',
          DriverDiagram: '@longview/contracts#DriverDiagramView',
          DriverDiagramPrimaryDriver: '@longview/contracts#DriverDiagramPrimaryDriverView',
          DriverDiagramSecondaryDriver: '@longview/contracts#DriverDiagramSecondaryDriverView',
          DriverDiagramChangeIdea: '@longview/contracts#DriverDiagramChangeIdeaView',
          DriverDiagramRevision: '@longview/contracts#DriverDiagramRevisionView',
          DriverDiagramAuthor: '@longview/contracts#DriverDiagramPersonView',
          DriverDiagramPlacement: '@longview/contracts#DriverDiagramPlacementView',
        },
      },
    },
  },
};

export default config;
