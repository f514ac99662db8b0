/** Plain words for the audit actions this module records. */
export const assessmentActionLabels: Record<string, string> = {
  'assessment.round_open': 'Opened a self-assessment round',
  'assessment.round_extend': 'Moved a self-assessment round’s closing date',
  'assessment.round_close': 'Closed a self-assessment round early',
  'assessment.codes_made': 'Made one-time codes for a self-assessment round',
  'assessment.answered': 'Answered a self-assessment round',
  'assessment.answered_with_code': 'Someone answered a self-assessment round with a code',
  'assessment.aggregates_rebuilt':
    'Counted a self-assessment round’s results again from its responses',
  'assessment.evidence_download': 'Downloaded the evidence figures of a self-assessment round',
  'assessment.sharing_on':
    'Shared the organisation’s self-assessment scores with the national comparison',
  'assessment.sharing_off': 'Stopped sharing the organisation’s self-assessment scores nationally',
  'assessment.distribution_download':
    'Downloaded the self-assessment comparison across organisations',
  'assessment.local_add': 'Added a local statement to the self-assessment',
  'assessment.wording_propose': 'Suggested new wording for a self-assessment statement',
  'assessment.wording_accept': 'Accepted new wording for a self-assessment statement',
  'assessment.wording_decline': 'Declined new wording for a self-assessment statement',
};
