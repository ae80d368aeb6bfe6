import { InitialSchema1764300000000 } from './1764300000000-initial-schema';

/** Every migration, in order. Listed explicitly so the built service needs no glob loading. */
export const MIGRATIONS = [InitialSchema1764300000000];
