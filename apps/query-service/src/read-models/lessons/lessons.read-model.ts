import type { ReadModel } from '../read-model';
import { lessonsProjection } from './lessons.projection';
import { LessonQueries } from './lessons.queries';
import { LessonsController } from './lessons.routes';

export const lessons: ReadModel = { projection: lessonsProjection, queries: LessonQueries, controllers: [LessonsController] };
