/** Plain words for the audit actions of people's rights over their data. */
export const rightsActionLabels: Record<string, string> = {
  'rights.export': 'Downloaded a copy of your information',
  'rights.delete': 'Deleted information you asked us to delete',
  'retention.settings': 'Changed how long records are kept',
  'retention.remove': 'Removed records past the time they are kept for',
};
