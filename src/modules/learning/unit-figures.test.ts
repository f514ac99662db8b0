/**
 * A unit's figures beside course sections: which section shows which figure (from the course
 * files' front matter), small numbers left out, and the figures coming from the evidence
 * functions wired in src/app.ts (so a key they do not give would show nothing here and fail).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestContext, makeTeam, signedInAgent, textOf } from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';
import type { EvidenceFigure } from '../../lib/evidence.ts';
import { checkCourseFiles, COURSE_DIR, loadCourse } from './content.ts';
import { describeFigure } from './unit-figures.ts';

function figure(kind: EvidenceFigure['kind'], numerator: number, denominator: number) {
  const notEnoughData = denominator < 5;
  const scale = kind === 'per1000' ? 1000 : 1;
  return {
    key: 'x',
    title: 'X',
    kind,
    numerator,
    denominator,
    value: notEnoughData ? null : (numerator / denominator) * scale,
    notEnoughData,
    definition: 'd',
    link: '/',
    note: null,
  } satisfies EvidenceFigure;
}

describe('unit figures in words', () => {
  it('shows a share and its counts from 5 up', () => {
    assert.deepEqual(describeFigure(figure('share', 8, 20)), {
      text: '40% (8 of 20)',
      notEnough: false,
    });
    assert.equal(describeFigure(figure('share', 0, 20)).text, '0% (0 of 20)');
  });

  it('never prints a count from 1 to 4, nor a share it would give away', () => {
    assert.equal(describeFigure(figure('share', 4, 20)).text, 'Fewer than 5 of 20');
    assert.equal(describeFigure(figure('share', 5, 20)).text, '25% (5 of 20)');
    assert.equal(
      describeFigure(figure('per1000', 3, 4000)).text,
      'Fewer than 5 recorded in 4,000 occupied bed days',
    );
    assert.equal(
      describeFigure(figure('per1000', 12, 4000)).text,
      '3.0 per 1,000 occupied bed days (12 in 4,000 bed days)',
    );
  });

  it('says "not enough yet" kindly when fewer than 5 are counted', () => {
    const shown = describeFigure(figure('share', 2, 4));
    assert.equal(shown.notEnough, true);
    assert.match(shown.text, /^Not enough yet\./);
    assert.doesNotMatch(shown.text, /\b2\b|\b4\b/);
  });
});

describe('figures named in course files', () => {
  it('names which sections show which figures', () => {
    const named = Object.fromEntries(loadCourse().sections.map((s) => [s.id, s.figures]));
    assert.deepEqual(named['asking-and-responding'], ['enquiry.asked', 'enquiry.support-offered']);
    assert.deepEqual(named['beyond-power'], ['force.rate', 'force.plan-shown']);
    assert.deepEqual(named['what-trauma-is'], []);
  });

  it('stops the check on an unknown or repeated figure, naming the file and line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hearth-course-figures-'));
    const first = readFileSync(join(COURSE_DIR, '01-what-trauma-is.md'), 'utf8');
    writeFileSync(
      join(dir, '01.md'),
      first.replace('minutes: 10', 'minutes: 10\nfigures:\n  - force.rate\n  - force.names'),
    );
    writeFileSync(
      join(dir, '02.md'),
      first.replace('minutes: 10', 'minutes: 10\nfigures: [force.rate, force.rate]'),
    );
    writeFileSync(join(dir, '03.md'), first.replace('minutes: 10', 'minutes: 10\nfigures: force'));
    const problems = checkCourseFiles(dir);
    assert.match(problems[0] ?? '', /^01\.md:7: "figures" may name only .*"force\.names"/);
    assert.match(problems[1] ?? '', /^02\.md:5: the figure force\.rate is named twice/);
    assert.match(problems[2] ?? '', /^03\.md:5: "figures" needs a list/);
  });
});

describe('unit figures on section pages', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestContext();
  });
  after(() => t.close());

  it('shows the learner’s own unit its figures beside the sections that name them', async () => {
    const team = await makeTeam(t.services);
    const nurse = await signedInAgent(t.app, team.practitioner);
    const asking = textOf((await nurse.get('/learning/course/asking-and-responding')).body);
    assert.match(asking, /Your unit's figures/);
    assert.match(asking, /People asked about hard experiences/);
    assert.match(asking, /Support offered after telling us/);
    // A new unit has nothing counted yet: no value, and kind words.
    assert.match(asking, /Not enough yet\. This shows once at least 5 are counted/);
    assert.doesNotMatch(asking, /Uses of force per 1,000/);
    const power = textOf((await nurse.get('/learning/course/beyond-power')).body);
    assert.match(power, /Uses of force per 1,000 occupied bed days/);
    assert.match(power, /Plan choices known to staff/);
    const plain = textOf((await nurse.get('/learning/course/what-trauma-is')).body);
    assert.doesNotMatch(plain, /Your unit's figures/);
  });

  it('shows nothing to a learner linked to no unit', async () => {
    const team = await makeTeam(t.services);
    const admin = await signedInAgent(t.app, team.admin);
    const page = textOf((await admin.get('/learning/course/beyond-power')).body);
    assert.doesNotMatch(page, /Your unit's figures/);
  });
});
