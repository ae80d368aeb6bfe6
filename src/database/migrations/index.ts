import { InitialSchema1764300000000 } from './1764300000000-initial-schema';
import { AuthCredentials1764900000000 } from './1764900000000-auth-credentials';
import { AuditTrail1765000000000 } from './1765000000000-audit-trail';
import { AttributeIndexWrites1765100000000 } from './1765100000000-attribute-index-writes';
import { AuditEventClustered1765200000000 } from './1765200000000-audit-event-clustered';

/** Every migration, in order. Listed explicitly so the built service needs no glob loading. */
export const MIGRATIONS = [InitialSchema1764300000000, AuthCredentials1764900000000, AuditTrail1765000000000, AttributeIndexWrites1765100000000,
  AuditEventClustered1765200000000];
