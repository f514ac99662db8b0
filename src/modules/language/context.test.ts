// Table-driven tests for each context rule: the expected list is the flagged words, in order.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { QUOTED_REASON } from './check-text.ts';
import { checkText } from './index.ts';

type Case = [text: string, flagged: string[]];

function runTable(cases: Case[]): void {
  for (const [text, flagged] of cases) {
    it(`${flagged.length ? 'flags' : 'leaves'}: ${text}`, () => {
      assert.deepEqual(
        checkText(text).map((f) => (f.quoted === true ? `quoted:${f.text}` : f.text)),
        flagged,
      );
    });
  }
}

describe('negation clears behaviour labels in the same clause', () => {
  runTable([
    ['She never refused her depot in three years.', []],
    ['He did not refuse the ECG.', []],
    ["He didn't refuse the ECG.", []],
    ['Has not been non-compliant since the dose was lowered.', []],
    ['No longer non-compliant: the tablets are in a dosette box now.', []],
    ['No evidence of malingering on formal testing.', []],
    ['There was nothing to suggest the overdose was attention-seeking.', []],
    ['Frightened rather than aggressive when the alarm sounded.', []],
    ['It would be wrong to call this manipulative.', []],
    ['Malingering was ruled out by the neuropsychologist.', []],
    // The cue does not reach past "and", "but" or a comma.
    ['He was not tired, and he was aggressive towards staff.', ['aggressive']],
    ['She did not want the depot and refused it.', ['refused']],
    // Slurs and suicide wording keep their harm when negated.
    ['He is not a nutter, whatever the neighbours say.', ['nutter']],
    ['His brother did not commit suicide; it was an accident.', ['commit suicide']],
    // "not allowed" is itself the wording, so its "not" is not a negation.
    ['She is not allowed visitors until Tuesday.', ['not allowed']],
  ]);
});

describe('quotation: own words are left alone, scare quotes are flagged', () => {
  runTable([
    ['She said, "I refused because the tablets make me sick."', []],
    ['"They called me a junkie at the last place," he told us.', []],
    ['In her own words, "a recovering alcoholic".', []],
    ['He describes himself as "an addict in recovery".', []],
    ['She prefers the word "survivor" and we use it in her plan.', []],
    ['He calls his voices "the committee".', []],
    ['Attended the "Hearing Voices" group on Tuesday.', []],
    // Short quotes around the person's experience, with no attribution, read as doubt.
    ["Reports 'hearing voices' but was laughing in the lounge.", ["'hearing voices'"]],
    ["Pain '9/10' per patient, yet asleep at 02:00.", ["'9/10'"]],
    ['The patient is "psychotic" today.', ['"psychotic"']],
    // A label inside someone else's short quotation is flagged with its own category.
    ["Police report states that he 'kicked off' in the van.", ["'kicked off'"]],
  ]);
  it('marks a label that is the whole quotation as scare quotes', () => {
    const [finding] = checkText("Police report states that he 'kicked off' in the van.");
    assert.equal(finding?.category, 'violent-metaphor');
    assert.deepEqual(finding?.context, ['scare-quotes']);
  });
  it("marks someone else's quoted words as quoted, with a gentle note instead of the rule's reason", () => {
    const [finding] = checkText(
      'Her mother said: "he is a nutter when he has been drinking all day".',
    );
    assert.equal(finding?.text, 'nutter');
    assert.equal(finding?.quoted, true);
    assert.equal(finding?.severity, 'low');
    assert.equal(finding?.reason, QUOTED_REASON);
    assert.deepEqual(finding?.context, ['in-quotes']);
  });
});

describe('reported speech of others', () => {
  runTable([
    ['Her mother called her lazy and stupid throughout childhood.', []],
    ['At school he was called a psycho by other children.', []],
    ['Neighbours describe him as a nutter.', ['nutter']],
    ['Described by the hostel manager as volatile.', ['volatile']],
  ]);
  it('lowers the severity of a description by someone else', () => {
    const [finding] = checkText('Night staff describe him as aggressive.');
    assert.equal(finding?.severity, 'low');
    assert.deepEqual(finding?.context, ['reported-speech']);
  });
});

describe('diagnosis used properly versus a label for the person', () => {
  runTable([
    ['Has a diagnosis of schizophrenia and works part time.', []],
    ['Diagnosed with bipolar in 2015 and stable on lithium.', []],
    ['Bipolar affective disorder, current episode manic with psychotic symptoms.', []],
    ['Alcoholic liver disease; LFTs to be repeated.', []],
    ['Signposted to Alcoholics Anonymous.', []],
    ['Diabetic nurse review due this month.', []],
    ['Borderline low sodium at 133 mmol/L.', []],
    ['A schizophrenic who lives alone.', ['schizophrenic']],
    ['One schizophrenic on a section 3 in bay 2.', ['schizophrenic']],
    ['Two anorexics waiting for beds.', ['anorexics']],
    ['This alcoholic gentleman was seen in clinic.', ['alcoholic']],
    ['The manic in bay 3 kept the ward awake.', ['manic']],
    ['She is a borderline, so keep to the plan.', ['borderline']],
    ['He is schizophrenic and lives with his mum.', ['schizophrenic']],
    ['He is psychotic today and frightened.', []],
    ['The homeless shelter has a bed tonight.', []],
    ['We see a lot of the homeless in winter.', ['the homeless']],
  ]);
});

describe('senses and subjects that are not about a person', () => {
  runTable([
    ['Aggressive lymphoma; chemotherapy planned.', []],
    ['Aggressive B-cell lymphoma on biopsy.', []],
    ['The refuse store is locked at night.', []],
    ['Resistant organism on the nasal swab.', []],
    ['Her housing claim was refused by the council.', []],
    ['The infusion pump was non-compliant with the device specification.', []],
    ['This is a clinically challenging case.', []],
    ['Physically demanding job as a scaffolder.', []],
    ['Reports a splitting headache since 06:00.', []],
    ['Volatile substance use as a teenager.', []],
    ['Decompensated liver disease.', []],
    ['Clean dressing applied to the forearm.', []],
    ['Manipulation under anaesthesia is planned.', []],
    ['The meeting kicked off at 10:00.', []],
    ['Staff must record observations every 15 minutes.', []],
    ['She must attend every group to get leave.', ['must']],
    ['He was aggressive towards the receptionist.', ['aggressive']],
    ['Urine was clean for the first time since August.', ['clean']],
  ]);
});

describe('legal and required terms', () => {
  runTable([
    ['He refuses consent for his father to be told.', []],
    ['A valid advance decision to refuse treatment covers ECT.', []],
    ['Absent without leave under section 18 since 16:00.', []],
    ['He absconded from police custody in 2018.', []],
    ['Restrained in the seated position for four minutes.', []],
    ['He absconded from the garden on escorted leave.', ['absconded']],
  ]);
});

describe('generalisation: quotation titles, own phrases and indirect speech', () => {
  runTable([
    // A title may join its capitalised words with small words.
    ["She attends the 'Recovery and Wellbeing' course on Mondays.", []],
    // The person's own name for their own experience.
    ['She talks about her "bad brain days" and keeps a diary of them.', []],
    // Naming the thing a little further back: "refers to X as '…'".
    ['He refers to the hospital as "the bin", and we talked about why.', []],
    // Indirect speech by someone else is their words, not a scare quote.
    ['Her mother said she has been "not herself" since the move.', []],
    // Someone else's description of the person is still flagged.
    ['Neighbours describe him as "a nutter" who shouts at cars.', ['quoted:nutter']],
    // The person's own indirect speech is still read as doubt, as before.
    ["Says he is 'in agony' but walked to the shop twice.", ["'in agony'"]],
  ]);
});

describe('generalisation: who or what the words describe', () => {
  runTable([
    // The object of "finds"/"considers" is what the adjective describes.
    ['She finds crowds challenging and takes a friend to the shops.', []],
    ['The team considered the timescale unrealistic.', []],
    ['Staff find her challenging on nights.', ['challenging']],
    // "demanding of …" takes a complement, so a later "time" is not the noun described.
    ['Is very demanding of staff time.', ['demanding']],
    ['Caring for her father is a demanding job.', []],
    // A linking verb may stand between the noun and the words ("the pain is poorly controlled").
    ['The pain is poorly controlled on the current dose.', []],
    ['Seizures remain poorly controlled despite two medicines.', []],
    ['Poorly controlled diabetes; she has stopped checking her sugars.', ['Poorly controlled']],
    // A participle after a diagnosis word ends its noun phrase; -ing nouns do not.
    ['A chronic schizophrenic living in a supported flat.', ['schizophrenic']],
    ['A schizophrenic neighbour has been knocking at night.', ['schizophrenic']],
    ['We talked about the depressive thinking that keeps her in bed.', []],
    // "went off at" a person, not an alarm at a time.
    ['Went off at the nurse in charge when his leave was cancelled.', ['Went off']],
    ['The fire alarm went off at 07:00 because of burnt toast.', []],
    ['The milk went off while she was in hospital.', []],
    // "made to" with a person as subject; not "a referral was made to".
    ['She was made to sit in the quiet room.', ['made to']],
    ['An urgent referral was made to the perinatal team.', []],
    ['Arrangements were made to collect her cat.', []],
    // "alleges" about the person's own account; not "the alleged perpetrator".
    ['She alleges that a member of staff pushed her.', ['alleges']],
    ['The alleged perpetrator is a neighbour.', []],
    // "DNA" in capitals is did-not-attend, except in genetics.
    ['DNA x3 to outpatients this year.', ['DNA']],
    ['Genetic testing: DNA sample sent to the regional lab.', []],
  ]);
});
