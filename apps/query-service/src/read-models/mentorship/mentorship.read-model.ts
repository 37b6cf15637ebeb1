import type { ReadModel } from '../read-model';
import { mentorshipProjection } from './mentorship.projection';
import { MentorshipQueries } from './mentorship.queries';
import { MentorshipController } from './mentorship.routes';

export const mentorship: ReadModel = {
  projection: mentorshipProjection,
  queries: MentorshipQueries,
  controllers: [MentorshipController],
};
