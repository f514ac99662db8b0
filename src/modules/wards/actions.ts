/** Plain words for the audit actions this module records. */
export const wardsActionLabels: Record<string, string> = {
  'wards.shift_report': 'Recorded a ward shift report',
  'wards.shift_report_change': 'Changed a ward shift report',
};
