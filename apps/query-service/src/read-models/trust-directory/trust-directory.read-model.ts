import type { ReadModel } from '../read-model';
import { trustDirectoryProjection } from './trust-directory.projection';
import { TrustDirectoryQueries } from './trust-directory.queries';
import { TrustDirectoryController } from './trust-directory.routes';

export const trustDirectory: ReadModel = {
  projection: trustDirectoryProjection,
  queries: TrustDirectoryQueries,
  controllers: [TrustDirectoryController],
};
