/** A dedicated column that sortBy can use; `text` columns get COLLATE "C" on PostgreSQL. */
export interface SortColumn {
  column: string;
  text: boolean;
}

const col = (column: string, text = true): SortColumn => ({ column, text });

/**
 * sortBy on attributes kept in dedicated columns: the column to order by, or null when the
 * attribute cannot be sorted. Keys are lower-case `attr` or `attr.sub`.
 */
export const DEDICATED_SORT_COLUMNS: Readonly<Record<'User' | 'Group', Readonly<Record<string, SortColumn | null>>>> = {
  User: {
    id: col('id'),
    username: col('user_name_ci'),
    externalid: col('external_id'),
    active: col('active', false),
    'meta.created': col('created_at', false),
    'meta.lastmodified': col('updated_at', false),
    'meta.version': col('version', false),
    'meta.resourcetype': null,
    'meta.location': null,
  },
  Group: {
    id: col('id'),
    displayname: col('display_name_ci'),
    externalid: col('external_id'),
    'meta.created': col('created_at', false),
    'meta.lastmodified': col('updated_at', false),
    'meta.version': col('version', false),
    'meta.resourcetype': null,
    'meta.location': null,
  },
};
