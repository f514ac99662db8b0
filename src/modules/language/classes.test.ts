// Table tests for the classes of issue 15, each with what is flagged and what is not. The
// expected list holds the flagged words in order; a quoted finding (someone else's recorded
// words) is written "quoted:words". Sentences are invented and differ from the eval notes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkText } from './index.ts';
import { inPhysicalSection } from './sections.ts';

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

describe('1. quotes are a record; a paraphrase is the writer’s wording', () => {
  runTable([
    ['He says "I was always the problem child" and laughs about it.', []],
    ['The neighbour\'s email reads: "she is a nutter and should be locked up".', ['quoted:nutter']],
    ['The arresting officer\'s statement says "male was hostile on arrival".', ['quoted:hostile']],
    ['His sister says he is lazy and always has been.', ['lazy']],
    ['Her father thinks she is manipulative.', ['manipulative']],
  ]);
  it('gives a quoted finding a gentle note and a low severity', () => {
    const [finding] = checkText('The police log reads "subject was aggressive".');
    assert.equal(finding?.quoted, true);
    assert.equal(finding?.severity, 'low');
    assert.match(finding?.reason ?? '', /quote/);
  });
});

describe('2. physical-health and technical senses', () => {
  runTable([
    ['Systems review: denies dysuria or haematuria.', []],
    ['She denies any back pain since the fall.', []],
    ['Examination: denies tenderness on palpation.', []],
    ['He denies hearing voices at present.', ['denies']],
    ['She denies using heroin this week.', ['denies']],
    ['O/E: chest clear. Mental state: denies suicidal ideation.', ['denies']],
    // "Discharge": a body sign beside a body word, leaving hospital with "about", "his", "date".
    ['Nurse note. He keeps moaning about his discharge, which is booked for Friday.', ['moaning']],
    ['Evening shift. Pt whingeing about discharge planning again.', ['whingeing']],
    ['Moaning about a yellow discharge from the left ear since Monday.', []],
    ['Denies any discharge from the wound site.', []],
    ['Denies discharge or itching.', []],
    ['A manipulation of the wrist fracture was done in theatre.', []],
    ['The lab changed the figures after a manipulation of data.', []],
    ['Pharmacy will supply a compliance aid for the tablets.', []],
  ]);
  it('reads a heading until the next one', () => {
    const text = 'Physical exam: abdo soft. Plan: review tomorrow. Denies';
    assert.equal(inPhysicalSection(text, text.indexOf('abdo')), true);
    assert.equal(inPhysicalSection(text, text.indexOf('Denies')), false);
  });
});

describe('3. who did it: institutions and machines', () => {
  runTable([
    ['The council refused the grant for a stairlift.', []],
    ['The ticket machine refused his card at the station.', []],
    ['Her landlord refused to fix the heating.', []],
    ['The team meeting kicked off at nine.', []],
    ['Pt refused his lunch and stayed in bed.', ['refused']],
  ]);
});

describe('4. negation and its scope', () => {
  runTable([
    ['No evidence of hostility at any point in the interview.', []],
    ['At no stage was she aggressive towards staff.', []],
    ['She is not really anxious, she just wants to go home.', ['not really anxious']],
    ["He isn't really suicidal according to the night staff.", ["isn't really suicidal"]],
  ]);
});

describe('5. misspellings of lexicon words', () => {
  runTable([
    ['Pt very agressive on the ward this evening.', ['agressive']],
    ['He was non-complient with his tablets.', ['non-complient']],
    ['She absconded. Later she abscondid again.', ['absconded', 'abscondid']],
    ['He is manipulatve with his mother.', ['manipulatve']],
    ['He is a well known non-engager with the team.', ['non-engager']],
  ]);
  // Ordinary words one slip from a lexicon word are not misspellings.
  runTable([
    ['She wrote a complaint about the meaning of the letter this morning.', []],
    ['He explored the garden, reused a bottle and was seeing friends sooner.', []],
    ['She talked about the overdoses, the strips of tape and the treats.', []],
  ]);
});

describe('6. minimising', () => {
  runTable([
    ['Cut to the wrist, only superficial, steri-strips applied.', ['only superficial']],
    ['It was just a scratch on her arm from the razor.', ['just a scratch']],
    ['Her overdose was not serious in our view.', ['not serious']],
    ['Threw a tantrum at the nurses station.', ['tantrum']],
    ['Staff felt she was being dramatic in the corridor.', ['dramatic']],
    ['He is fishing for sympathy again.', ['fishing']],
    ['She is just stressed about the move.', ['just stressed']],
    ['Autistic meltdown after the fire alarm; ear defenders helped.', []],
    ['A dramatic improvement in her sleep this week.', []],
    ['The wound is superficial and clean.', []],
  ]);
});

describe('7. coercion and control', () => {
  runTable([
    ['He was ordered back inside by the nurse in charge.', ['ordered']],
    ['She was confined to her bedroom for the night.', ['confined']],
    ['Leave is on hold until he behaves.', ['until he behaves']],
    ['Escorted leave was given as a reward for good behaviour.', ['reward for good behaviour']],
    ['Staff put her on restrictions after the row.', ['put']],
    ['He lost his benefits after being sanctioned by the DWP.', []],
    ['We agreed with her that leave will start on Monday.', []],
    ['The benefits were sanctioned last month.', []],
  ]);
});

describe('8. labels that replace the person', () => {
  runTable([
    ['She is an overdoser according to the referral.', ['overdoser']],
    ['The Pole in bay 2 is asking for his tablets.', ['Pole']],
    ['A Polish man in bay 2 is asking for his tablets.', []],
    ['Mr D, who is Nigerian, asked for an interpreter.', []],
    ['She has a diagnosis of schizophrenia.', []],
    ['That depressive in room 6 was up all night.', ['depressive']],
  ]);
});

describe('9. slang, violent metaphor and suicide wording', () => {
  runTable([
    ['He went off on one at the receptionist.', ['went off']],
    ['She smashed up the kitchen and was taken to her room.', ['smashed']],
    ['Her uncle committed suicide last year.', ['committed suicide']],
    ['He died by suicide in 2020.', []],
  ]);
});

describe('5. misspellings: false alarms on ordinary English', () => {
  it('reads no ordinary word of the project docs (other than language.md) as a misspelling', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const { compileLexicon } = await import('./compile.ts');
    const { correctWord } = await import('./spelling.ts');
    const { defaultLexicon } = await import('./index.ts');
    const lexicon = compileLexicon(defaultLexicon);
    const docs = new URL('../../../docs/', import.meta.url);
    const seen = new Set<string>();
    const wrong: string[] = [];
    for (const name of readdirSync(docs)) {
      if (!name.endsWith('.md') || name === 'language.md') continue;
      for (const m of readFileSync(new URL(name, docs), 'utf8').matchAll(/[A-Za-z]{6,}/g)) {
        const word = m[0].toLowerCase();
        if (seen.has(word) || lexicon.root.has(word)) continue;
        seen.add(word);
        const head = correctWord(lexicon.spelling, word);
        if (head !== null) wrong.push(`${word} -> ${head}`);
      }
    }
    assert.ok(seen.size > 1000, `only ${seen.size} distinct words read`);
    assert.deepEqual(wrong, []);
  });
});
