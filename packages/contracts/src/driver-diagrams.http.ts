import type { Sharing } from '@longview/domain';

// ---------------------------------------------------------------- driver diagram views
// query-service routes (all honour ?minPosition), for the viewer of the service credential:
//   GET /driver-diagrams?trustCode=                    -> DriverDiagramView[] (the diagrams the viewer may see, newest first)
//   GET /driver-diagrams/:id                           -> DriverDiagramView | 404 (a hidden diagram answers like a missing one)
//   GET /interventions/:id/driver-diagram-placements   -> DriverDiagramPlacementView[]
// A diagram is seen by whoever may see its sharing level (with its trust); inside it, a linked
// intervention is listed only when the viewer may see that intervention too (absent, not counted).

export interface DriverDiagramPersonView {
  readonly name: string;
  readonly role: string;
  readonly trustCode: string | null;
}

export interface DriverDiagramChangeIdeaView {
  readonly text: string;
  /** The linked interventions the viewer may see, in the order the diagram lists them. */
  readonly interventionIds: readonly string[];
}

export interface DriverDiagramSecondaryDriverView {
  readonly text: string;
  readonly changeIdeas: readonly DriverDiagramChangeIdeaView[];
}

export interface DriverDiagramPrimaryDriverView {
  readonly text: string;
  readonly secondaryDrivers: readonly DriverDiagramSecondaryDriverView[];
}

/** One version of the diagram, as the history lists it (the tree of the current one only). */
export interface DriverDiagramRevisionView {
  readonly revision: number;
  readonly aim: string;
  readonly measure: string;
  readonly sharing: Sharing;
  readonly note: string | null;
  readonly by: DriverDiagramPersonView;
  readonly at: string;
}

export interface DriverDiagramView {
  readonly id: string;
  readonly trustCode: string;
  readonly aim: string;
  readonly measure: string;
  readonly sharing: Sharing;
  /** 1 when never revised. */
  readonly revision: number;
  readonly definedAt: string;
  readonly updatedAt: string;
  readonly primaryDrivers: readonly DriverDiagramPrimaryDriverView[];
  /** Every version, oldest first (the last is the current one). */
  readonly revisions: readonly DriverDiagramRevisionView[];
}

/** Where an intervention sits in a diagram the viewer may see: one row per change idea it tests. */
export interface DriverDiagramPlacementView {
  readonly driverDiagramId: string;
  readonly aim: string;
  readonly primaryDriver: string;
  readonly secondaryDriver: string;
  readonly changeIdea: string;
}
