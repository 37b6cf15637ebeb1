import type { ReadModel } from '../read-model';
import { driverDiagramsProjection } from './driver-diagrams.projection';
import { DriverDiagramQueries } from './driver-diagrams.queries';
import { DriverDiagramsController } from './driver-diagrams.routes';

export const driverDiagrams: ReadModel = { projection: driverDiagramsProjection, queries: DriverDiagramQueries, controllers: [DriverDiagramsController] };
