/** Plain words for the audit actions organisation set-up records. */
export const organisationActionLabels: Record<string, string> = {
  'unit.create': 'Added a unit',
  'unit.update': 'Renamed a unit or changed its beds',
  'unit.close': 'Closed a unit',
  'staff.change': 'Changed a member of staff’s role or units',
};
