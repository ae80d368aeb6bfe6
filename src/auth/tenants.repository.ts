import { Injectable } from '@nestjs/common';
import { Db } from '../database/transaction-runner';
import { TenantEntity } from './tenant.entity';

@Injectable()
export class TenantsRepository {
  async insert(db: Db, t: TenantEntity): Promise<void> {
    await db.manager.getRepository(TenantEntity).insert(t);
  }

  find(db: Db, id: string): Promise<TenantEntity | null> {
    return db.manager.getRepository(TenantEntity).findOneBy({ id });
  }

  findByEntraTenant(db: Db, entraTenantId: string): Promise<TenantEntity | null> {
    return db.manager.getRepository(TenantEntity).findOneBy({ entraTenantId });
  }

  list(db: Db): Promise<TenantEntity[]> {
    return db.manager.getRepository(TenantEntity).find({ order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async count(db: Db): Promise<number> {
    return db.manager.getRepository(TenantEntity).count();
  }

  setStatus(db: Db, id: string, status: 'active' | 'disabled'): Promise<number> {
    return db.execute('UPDATE tenant SET status = ? WHERE id = ?', [status, id]);
  }

  setName(db: Db, id: string, name: string): Promise<number> {
    return db.execute('UPDATE tenant SET name = ? WHERE id = ?', [name, id]);
  }

  setEntraTenant(db: Db, id: string, entraTenantId: string | null): Promise<number> {
    return db.execute('UPDATE tenant SET entra_tenant_id = ? WHERE id = ?', [entraTenantId, id]);
  }
}
