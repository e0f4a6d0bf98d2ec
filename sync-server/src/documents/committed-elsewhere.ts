/**
 * The origin of an update that is already in the shared store because another server instance
 * committed it (scale-out mode). `SharedDoc` relays such an update to its own peers but never
 * appends it again: appending would store every edit once per instance and announce it anew.
 */
export class CommittedElsewhere {
  /** `seq` is the update's sequence number in the store (the highest one for a merged batch). */
  constructor(readonly seq: number) {}
}
