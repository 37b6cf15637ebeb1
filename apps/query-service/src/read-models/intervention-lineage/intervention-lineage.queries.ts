import type { LineageNodeView, LineageView } from '@longview/contracts';
import type { VisibilityTier } from '@longview/domain';
import type { Database } from '@longview/event-store';
import { visibleTo } from '../../access/visible-to';

/** Adoption chains are short; the bound only stops a walk that could not end. */
const MAX_DEPTH = 100;

interface NodeRow {
  id: string;
  parent: string | null;
  depth: number | string;
  position: string | number;
  visible: boolean;
}

/**
 * The lineage reads (rm_lineage only). Who may see each node is decided in SQL, per node, by the
 * viewer's tier; nothing about a hidden node (id, trust, title) leaves this class.
 */
export class InterventionLineageQueries {
  constructor(private readonly db: Database) {}

  /** Undefined when the intervention is missing or hidden from the tier (the same answer). */
  async lineage(tier: VisibilityTier, id: string): Promise<LineageView | undefined> {
    const upParams: unknown[] = [id, MAX_DEPTH];
    const up = await this.db.query<NodeRow>(
      `WITH RECURSIVE up (id, parent, trust_code, sharing, proposed_position, depth) AS (
         SELECT id, adopted_from, trust_code, sharing, proposed_position, 0 FROM rm_lineage WHERE id = $1
         UNION ALL
         SELECT l.id, l.adopted_from, l.trust_code, l.sharing, l.proposed_position, up.depth + 1
           FROM rm_lineage l JOIN up ON l.id = up.parent WHERE up.depth < $2::int
       )
       SELECT id, parent, depth, proposed_position AS position, ${visibleTo(tier, upParams)} AS visible FROM up ORDER BY depth`,
      upParams,
    );
    const self = up.rows[0];
    if (!self || Number(self.depth) !== 0 || !self.visible) return undefined;
    const ancestors = up.rows.slice(1);

    const downParams: unknown[] = [id, MAX_DEPTH];
    const down = await this.db.query<NodeRow>(
      `WITH RECURSIVE down (id, parent, trust_code, sharing, proposed_position, depth) AS (
         SELECT id, adopted_from, trust_code, sharing, proposed_position, 1 FROM rm_lineage WHERE adopted_from = $1
         UNION ALL
         SELECT l.id, l.adopted_from, l.trust_code, l.sharing, l.proposed_position, down.depth + 1
           FROM rm_lineage l JOIN down ON l.adopted_from = down.id WHERE down.depth < $2::int
       )
       SELECT id, parent, depth, proposed_position AS position, ${visibleTo(tier, downParams)} AS visible FROM down`,
      downParams,
    );
    const descendants = descendantsInOrder(id, down.rows);
    const parent = ancestors[0];
    return {
      interventionId: id,
      adoptedFrom: parent?.visible ? parent.id : null,
      adoptions: down.rows
        .filter((r) => r.parent === id && r.visible)
        .sort(byPosition)
        .map((r) => r.id),
      ancestors: ancestors.reverse().map(node),
      descendants,
    };
  }
}

function node(row: NodeRow): LineageNodeView {
  return { depth: Number(row.depth), interventionId: row.visible ? row.id : null };
}

function byPosition(a: NodeRow, b: NodeRow): number {
  const d = BigInt(a.position) - BigInt(b.position);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/**
 * The subtree below `rootId`, depth-first, each node followed by its own adoptions (oldest first).
 * A hidden node is kept (as a node without id) only when a visible node lies below it, so the
 * tree stays connected; a hidden branch with nothing visible in it is left out and not counted.
 */
function descendantsInOrder(rootId: string, rows: readonly NodeRow[]): LineageNodeView[] {
  const children = new Map<string, NodeRow[]>();
  for (const row of rows) {
    if (row.parent === null) continue;
    const list = children.get(row.parent) ?? [];
    list.push(row);
    children.set(row.parent, list);
  }
  for (const list of children.values()) list.sort(byPosition);
  const seen = new Set<string>([rootId]);
  const walk = (parentId: string): LineageNodeView[] =>
    (children.get(parentId) ?? []).flatMap((row) => {
      if (seen.has(row.id)) return []; // never twice (a lineage is a tree; this only guards the walk)
      seen.add(row.id);
      const below = walk(row.id);
      return row.visible || below.length > 0 ? [node(row), ...below] : [];
    });
  return walk(rootId);
}
