import type { InterventionView, LineageNodeView, LineageView } from '@longview/contracts';
import type { GatewayContext } from '../context';
import { interventionById } from '../interventions/interventions.reads';

/** The words a node the viewer may not see is shown with: nothing about it but that it exists. */
export const HIDDEN_NODE = 'An intervention at another trust';

const NO_LINEAGE: LineageView = { interventionId: '', adoptedFrom: null, adoptions: [], ancestors: [], descendants: [] };

/** The intervention's lineage for the viewer (an empty one if it left the read side since it was read). */
export async function lineageOf(context: GatewayContext, intervention: InterventionView): Promise<LineageView> {
  return (await context.loaders.lineage.load(intervention.id)) ?? NO_LINEAGE;
}

/** Intervention.adoptedFrom: the source through the viewer's loader, so a hidden source is null like a missing one. */
export function adoptedFrom(context: GatewayContext, intervention: InterventionView): Promise<InterventionView | null> | null {
  return intervention.adoptedFrom ? interventionById(context, intervention.adoptedFrom) : null;
}

/** Intervention.adoptions: the visible direct adoptions (the query service lists only those). */
export async function adoptions(context: GatewayContext, intervention: InterventionView): Promise<InterventionView[]> {
  const lineage = await lineageOf(context, intervention);
  const found = await Promise.all(lineage.adoptions.map((id) => interventionById(context, id)));
  return found.filter((item): item is InterventionView => item !== null);
}

export function nodeIntervention(context: GatewayContext, node: LineageNodeView): Promise<InterventionView | null> | null {
  return node.interventionId ? interventionById(context, node.interventionId) : null;
}

export function nodePlaceholder(node: LineageNodeView): string | null {
  return node.interventionId ? null : HIDDEN_NODE;
}
