import { Controller, Get, Param, UseInterceptors } from '@nestjs/common';
import type { CommentView } from '@longview/contracts';
import type { Viewer } from '@longview/domain';
import { CurrentViewer } from '../../access/current-viewer.decorator';
import { found } from '../query-errors';
import { ReadYourWritesInterceptor } from '../read-your-writes.interceptor';
import { CommentQueries } from './comments.queries';

/** GET /interventions/:id/comments and /comments/:id (see packages/contracts/src/http.ts). */
@Controller()
@UseInterceptors(ReadYourWritesInterceptor)
export class CommentsController {
  constructor(private readonly queries: CommentQueries) {}

  @Get('interventions/:id/comments')
  ofIntervention(@CurrentViewer() viewer: Viewer, @Param('id') id: string): Promise<CommentView[]> {
    return this.queries.ofIntervention(viewer, id);
  }

  @Get('comments/:id')
  async comment(@CurrentViewer() viewer: Viewer, @Param('id') id: string): Promise<CommentView> {
    return found(await this.queries.comment(viewer, id), `No comment with id ${id}`);
  }
}
