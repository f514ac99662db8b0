/**
 * Reads by a list of ids that every home page runs, built once per number of ids
 * (src/db/compiled.ts); store.ts calls them with its signatures unchanged.
 */
import type { Db } from '../../../db/index.ts';
import { compiledOnce } from '../../../db/compiled.ts';

/** The unit memberships of several accounts: built once per number of accounts (compiled.ts). */
export const membershipsOfAccounts = compiledOnce(
  (db: Db, v: { organisationId: string; accountIds: string[] }) =>
    db
      .selectFrom('unit_memberships')
      .select(['account_id', 'unit_id'])
      .where('organisation_id', '=', v.organisationId)
      .where('account_id', 'in', v.accountIds),
);

/** Accounts of one organisation by id: built once per number of ids (compiled.ts). */
export const accountsByIds = compiledOnce((db: Db, v: { organisationId: string; ids: string[] }) =>
  db
    .selectFrom('accounts')
    .selectAll()
    .where('organisation_id', '=', v.organisationId)
    .where('id', 'in', v.ids),
);

/** Units of one organisation by id: built once per number of ids (compiled.ts). */
export const unitsByIds = compiledOnce((db: Db, v: { organisationId: string; ids: string[] }) =>
  db
    .selectFrom('units')
    .selectAll()
    .where('id', 'in', v.ids)
    .where('organisation_id', '=', v.organisationId),
);
