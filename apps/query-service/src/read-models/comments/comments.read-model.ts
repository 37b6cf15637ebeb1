import type { ReadModel } from '../read-model';
import { commentsProjection } from './comments.projection';
import { CommentQueries } from './comments.queries';
import { CommentsController } from './comments.routes';

export const comments: ReadModel = { projection: commentsProjection, queries: CommentQueries, controllers: [CommentsController] };
