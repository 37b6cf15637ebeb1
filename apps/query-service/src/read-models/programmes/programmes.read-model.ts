import type { ReadModel } from '../read-model';
import { programmesProjection } from './programmes.projection';
import { ProgrammeQueries } from './programmes.queries';
import { ProgrammesController } from './programmes.routes';

export const programmes: ReadModel = { projection: programmesProjection, queries: ProgrammeQueries, controllers: [ProgrammesController] };
