import { Controller, Get, Param, Query, UseInterceptors } from '@nestjs/common';
import type { MentorMatchView, MentorshipOfferView, MentorshipView, PeerView } from '@longview/contracts';
import { findMetric, INTERVENTION_CATEGORIES, visibilityTier, type InterventionCategory, type Viewer } from '@longview/domain';
import { CurrentViewer } from '../../access/current-viewer.decorator';
import { AnalyticsService } from '../../analytics/analytics.service';
import { InterventionSummaryQueries } from '../intervention-summary/intervention-summary.queries';
import { BadQueryError, found } from '../query-errors';
import { ReadYourWritesInterceptor } from '../read-your-writes.interceptor';
import { rankMentors, type MentorCandidate } from './mentor-ranking';
import { maySeeOffers, MentorshipQueries } from './mentorship.queries';

/** Every trust is a candidate peer: the mentors of any trust may be ranked. */
const ALL_PEERS = 100_000;

/** GET /mentorship-offers, /mentorships and /mentors (see packages/contracts/src/http.ts), for the viewer of the request. */
@Controller()
@UseInterceptors(ReadYourWritesInterceptor)
export class MentorshipController {
  constructor(
    private readonly queries: MentorshipQueries,
    private readonly analytics: AnalyticsService,
    private readonly interventions: InterventionSummaryQueries,
  ) {}

  @Get('mentorship-offers')
  offers(@CurrentViewer() viewer: Viewer, @Query('mine') mine?: string): Promise<MentorshipOfferView[]> {
    return this.queries.offers(viewer, { mine: mine === 'true' });
  }

  @Get('mentorship-offers/:id')
  async offer(@CurrentViewer() viewer: Viewer, @Param('id') id: string): Promise<MentorshipOfferView> {
    return found(await this.queries.offer(viewer, id), `No mentorship offer with id ${id}`);
  }

  @Get('mentorships')
  mentorships(@CurrentViewer() viewer: Viewer): Promise<MentorshipView[]> {
    return this.queries.mentorships(viewer);
  }

  @Get('mentorships/:id')
  async mentorship(@CurrentViewer() viewer: Viewer, @Param('id') id: string): Promise<MentorshipView> {
    return found(await this.queries.mentorship(viewer, id), `No mentorship with id ${id}`);
  }

  /** Open offers with places left, from other trusts, ranked for `trustCode` (see mentor-ranking.ts). */
  @Get('mentors')
  async mentors(
    @CurrentViewer() viewer: Viewer,
    @Query('trustCode') trustCode?: string,
    @Query('category') category?: string,
    @Query('metric') metric?: string,
  ): Promise<MentorMatchView[]> {
    if (!trustCode) throw new BadQueryError('trustCode is required');
    if (category && !(INTERVENTION_CATEGORIES as readonly string[]).includes(category)) {
      throw new BadQueryError(`category must be one of ${INTERVENTION_CATEGORIES.join(', ')}`);
    }
    if (metric && !findMetric(metric)) throw new BadQueryError(`Unknown metric "${metric}"`);
    const peers = found(await this.analytics.peers(trustCode, ALL_PEERS), `No trust with code ${trustCode}`);
    if (!maySeeOffers(viewer)) return [];
    const wanted = category as InterventionCategory | undefined;
    const peerOf = new Map<string, PeerView>(peers.map((p) => [p.code, p]));
    const record = new Map<string, Promise<number>>();
    const candidates: MentorCandidate[] = [];
    for (const offer of await this.queries.offers(viewer)) {
      const mentorTrust = offer.mentor.trustCode;
      if (!mentorTrust || mentorTrust === trustCode || offer.available <= 0) continue;
      if (wanted && !offer.categories.includes(wanted)) continue;
      if (metric && offer.metrics.length > 0 && !offer.metrics.includes(metric)) continue;
      // A trust with no registered context cannot be compared, so it cannot be ranked.
      const peer = peerOf.get(mentorTrust);
      if (!peer) continue;
      const categories = wanted ? [wanted] : offer.categories;
      const metrics = metric ? [metric] : offer.metrics;
      const key = JSON.stringify([mentorTrust, categories, metrics]);
      if (!record.has(key)) record.set(key, this.sustainedCount(viewer, mentorTrust, categories, metrics));
      candidates.push({ offer, peer, sustainedCount: await (record.get(key) as Promise<number>), categories, ...(metric ? { metric } : {}) });
    }
    return rankMentors(candidates);
  }

  /**
   * The trust's interventions in `categories` with a SUSTAINED verdict on one of `metrics` (any
   * target metric when none are named), counting only those the viewer may see.
   */
  private async sustainedCount(viewer: Viewer, trustCode: string, categories: readonly InterventionCategory[], metrics: readonly string[]): Promise<number> {
    const tier = visibilityTier(viewer);
    let count = 0;
    for (const category of categories) {
      let after: string | undefined;
      for (;;) {
        const page = await this.interventions.interventions(tier, { trustCode, category, first: 200, ...(after ? { after } : {}) });
        for (const intervention of page.items) {
          if (!intervention.startedOn) continue;
          const outcomes = (await this.analytics.outcomes(viewer, intervention.id)) ?? [];
          if (outcomes.some((o) => o.sustainability === 'SUSTAINED' && (metrics.length === 0 || metrics.includes(o.metric)))) count += 1;
        }
        if (!page.hasNextPage || !page.endCursor) break;
        after = page.endCursor;
      }
    }
    return count;
  }
}
