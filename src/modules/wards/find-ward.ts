/** Finding one ward by id for the actor, without listing every unit of the organisation. */
import type { Actor } from '../../lib/actor.ts';
import type { WardDirectory } from './deps.ts';

/** The ward with this id that the actor works on (any ward for an admin), else undefined. */
export async function findWard(directory: WardDirectory, actor: Actor, unitId: string) {
  const unit = await directory.unitOf(actor, unitId);
  return unit && unit.kind === 'ward' ? unit : undefined;
}
