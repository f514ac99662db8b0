// Behaviour of checkText on awkward input, spelling variants and organisation options.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkText, createChecker, validateRules } from './index.ts';
import type { RuleInput } from './index.ts';

function flagged(text: string): string[] {
  return checkText(text).map((f) => f.text);
}

describe('spelling variants and inflections', () => {
  const table: [string, string][] = [
    ['He refuse to go.', 'refuse'],
    ['He refuses to go.', 'refuses'],
    ['He refused to go.', 'refused'],
    ['He is refusing to go.', 'refusing'],
    ['She is non-compliant.', 'non-compliant'],
    ['She is noncompliant.', 'noncompliant'],
    ['She is non compliant.', 'non compliant'],
    ['She is non‑compliant.', 'non‑compliant'],
    ['She is NON-COMPLIANT.', 'NON-COMPLIANT'],
    ['A frequent-flyer at the GP.', 'frequent-flyer'],
    ['Two frequent flyers at the GP.', 'frequent flyers'],
    ['Was attention seeking.', 'attention seeking'],
    ["She DNA'd clinic.", "DNA'd"],
    ['She DNA’d clinic.', 'DNA’d'],
    ['He kicks off most nights.', 'kicks off'],
    ['Kicking off in the lounge.', 'Kicking off'],
    ['He blew up at staff.', 'blew up'],
    ['She exaggerates her pain.', 'exaggerates'],
  ];
  for (const [text, expected] of table) {
    it(`finds "${expected}"`, () => assert.deepEqual(flagged(text), [expected]));
  }
});

describe('findings', () => {
  it('carry offsets, text, rule, category, severity, reason and alternatives', () => {
    const text = 'Mr F refused his depot.';
    const [f] = checkText(text);
    assert.ok(f);
    assert.equal(text.slice(f.start, f.end), f.text);
    assert.equal(f.ruleId, 'refused');
    assert.equal(f.category, 'blame');
    assert.ok(['high', 'medium', 'low'].includes(f.severity));
    assert.ok(f.reason.length > 0 && !f.reason.includes('\n'));
    assert.ok(f.alternatives.length > 0);
  });
  it('prefers the longest phrase', () => {
    assert.deepEqual(
      checkText('Challenging behaviour has reduced.').map((f) => f.ruleId),
      ['challenging-behaviour'],
    );
  });
  it('never overlap and are sorted', () => {
    const text = 'PD patient, manipulative and attention-seeking, splitting the staff team again.';
    const findings = checkText(text);
    assert.equal(findings.length, 4);
    for (let i = 1; i < findings.length; i++) {
      assert.ok((findings[i - 1]?.end ?? 0) <= (findings[i]?.start ?? 0));
    }
  });
});

describe('bad input', () => {
  it('returns nothing for empty text', () => assert.deepEqual(checkText(''), []));
  it('returns nothing for whitespace or punctuation only', () => {
    assert.deepEqual(checkText(' \n\t.,;"\''), []);
  });
  it('keeps offsets right after emoji, combining marks and right-to-left text', () => {
    const prefixes = ['😀👩‍👩‍👧 ', 'e\u0301e\u0301 café ', 'مرحبا שלום ', '\u202Eevil\u202C '];
    for (const prefix of prefixes) {
      const text = `${prefix}He refused the tablets.`;
      const [f] = checkText(text);
      assert.ok(f, prefix);
      assert.equal(f.start, text.indexOf('refused'));
      assert.equal(text.slice(f.start, f.end), 'refused');
    }
  });
  it('copes with lone surrogates around and inside the text', () => {
    const text = '\uD800He refused\uDC00 the tablets \uDFFF and was non-compliant.\uD83D';
    const findings = checkText(text);
    assert.deepEqual(
      findings.map((f) => text.slice(f.start, f.end)),
      ['refused', 'non-compliant'],
    );
  });
  it('grows linearly with the text, not faster (a quadratic scan fails this)', () => {
    // CPU time of this process, not wall time, and a ratio between two sizes in the same run,
    // so a busy machine does not make it fail; a quadratic step would make the ratio ~16.
    const note = 'Slept well. Refused breakfast and was aggressive towards staff; PRN given. ';
    const cpuSeconds = (bytes: number) => {
      const text = note.repeat(Math.ceil(bytes / note.length));
      const before = process.cpuUsage();
      const findings = checkText(text);
      const used = process.cpuUsage(before);
      assert.ok(findings.length > bytes / 100);
      return (used.user + used.system) / 1e6;
    };
    cpuSeconds(256 * 1024); // warm the JIT first
    const small = cpuSeconds(512 * 1024);
    const large = cpuSeconds(2 * 1024 * 1024);
    assert.ok(
      large / small < 9,
      `4 times the text took ${(large / small).toFixed(1)} times as long`,
    );
  });
  it('handles an unclosed quotation without treating the rest as quoted', () => {
    assert.deepEqual(flagged('She said "I am fine. Later she refused her tablets.'), ['refused']);
  });
});

describe('organisation options', () => {
  const extra: RuleInput = {
    id: 'service-user-term',
    category: 'jargon',
    severity: 'low',
    patterns: ['service user+'],
    reason: 'People here have asked to be called by their name.',
    alternatives: ['the person’s name'],
  };
  it('adds extra rules', () => {
    assert.deepEqual(
      checkText('Two service users were seen.', { extraRules: [extra] }).map((f) => f.ruleId),
      ['service-user-term'],
    );
  });
  it('drops findings inside allowed terms', () => {
    const options = { allowedTerms: ['challenging'] };
    assert.deepEqual(checkText('A challenging young man.', options), []);
  });
  it('switches rules off by id', () => {
    assert.deepEqual(checkText('He refused.', { disabledRules: ['refused'] }), []);
  });
  it('reuses a compiled checker', () => {
    const check = createChecker({ extraRules: [extra] });
    assert.equal(check('A service user.').length, 1);
  });
  it('validates rules and names the problem', () => {
    assert.deepEqual(validateRules([extra]), []);
    const problems = validateRules([{ ...extra, id: 'Bad Id', category: 'rude' }]);
    assert.ok(problems.some((p) => p.includes('id')));
    assert.ok(problems.some((p) => p.includes('category')));
    assert.ok(validateRules([{ ...extra, patterns: ['@nosuchset'] }])[0]?.includes('word set'));
  });
});
