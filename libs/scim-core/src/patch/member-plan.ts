import type { Member, MemberChanges } from './patch-types';

type Mode = 'incremental' | 'exact';

/**
 * Folds member operations, in request order, into a minimal MemberChanges plan (RFC 7644
 * §3.5.2 applies operations sequentially). Without loading the group:
 * - "exact" mode knows the final membership (after remove-all or replace), e.g. remove-all then
 *   add = replace;
 * - "incremental" mode tracks ids to insert and ids to delete; a later op on the same id wins.
 */
export class MemberPlan {
  private mode: Mode = 'incremental';
  private readonly adds = new Map<string, Member>();
  private readonly removes = new Set<string>();
  private touched = false;

  add(members: Member[]): void {
    this.touched = true;
    for (const member of members) {
      this.removes.delete(member.value);
      this.adds.set(member.value, { ...this.adds.get(member.value), ...member });
    }
  }

  remove(ids: string[]): void {
    this.touched = true;
    for (const id of ids) {
      this.adds.delete(id);
      if (this.mode === 'incremental') this.removes.add(id);
    }
  }

  removeAll(): void {
    this.touched = true;
    this.mode = 'exact';
    this.adds.clear();
    this.removes.clear();
  }

  replace(members: Member[]): void {
    this.removeAll();
    this.add(members);
  }

  /** Whether any member operation was seen (a removal of a non-member still counts). */
  hasChanges(): boolean {
    return this.touched;
  }

  toChanges(): MemberChanges {
    const add = [...this.adds.values()];
    if (this.mode === 'exact') {
      return add.length > 0 ? { add: [], remove: [], removeAll: false, replace: add } : { add: [], remove: [], removeAll: true };
    }
    return { add, remove: [...this.removes], removeAll: false };
  }
}
