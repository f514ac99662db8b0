/** Plain words for the audit actions this module records. */
export const improvementActionLabels: Record<string, string> = {
  'improvement.plan_draft': 'Drafted an improvement plan',
  'improvement.action_add': 'Added an action to an improvement plan',
  'improvement.action_change': 'Changed an action of an improvement plan',
  'improvement.progress': 'Added progress to an action',
  'improvement.goal_add': 'Added a goal to a reduction plan',
  'improvement.goal_change': 'Changed a goal of a reduction plan',
  'improvement.review': 'A lived-experience partner co-signed, disagreed or commented',
};
