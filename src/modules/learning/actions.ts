/** Plain words for the audit actions this module records. */
export const learningActionLabels: Record<string, string> = {
  'learning.course_add': 'Added a training course',
  'learning.record_add': 'Added a training record',
  'learning.records_import': 'Imported training records',
  'learning.records_export': 'Downloaded training records',
  'learning.grid_view': "Looked at a unit's training",
  'learning.section_answer': 'Answered a section of the trauma-informed practice course',
  'learning.course_complete': 'Finished the trauma-informed practice course',
  'learning.text_propose': 'Suggested a change to the course text',
  'learning.text_accept': 'Accepted a suggested change to the course text',
  'learning.text_decline': 'Declined a suggested change to the course text',
};
