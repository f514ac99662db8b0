/** Plain words for the audit actions this module records. */
export const helpActionLabels: Record<string, string> = {
  'help.number_add': 'Added a crisis number',
  'help.number_change': 'Changed a crisis number',
  'help.number_remove': 'Removed a crisis number',
};
