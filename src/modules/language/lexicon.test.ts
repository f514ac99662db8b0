// The lexicon file: shape, size, tone and generated forms.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandPattern } from './compile.ts';
import { CATEGORIES, defaultLexicon, validateRules } from './index.ts';

describe('lexicon.json', () => {
  const rules = defaultLexicon.rules;
  it('has at least 90 valid rules with unique ids', () => {
    assert.ok(rules.length >= 90, `${rules.length} rules`);
    assert.deepEqual(validateRules([]), []);
    assert.equal(new Set(rules.map((r) => r.id)).size, rules.length);
  });
  it('covers every category', () => {
    for (const category of CATEGORIES) {
      assert.ok(
        rules.some((r) => r.category === category),
        category,
      );
    }
  });
  it('gives every rule a one-line reason, alternatives and a source', () => {
    for (const rule of rules) {
      assert.ok(rule.reason.length > 10 && rule.reason.length < 160, rule.id);
      assert.ok(rule.alternatives.length > 0, rule.id);
      assert.ok((rule.source ?? '').length > 0, rule.id);
    }
  });
  it('never scolds', () => {
    const scolding =
      /\b(never use|do not use|don't use|wrong|offensive|unacceptable|must not|you should)\b|!/i;
    for (const rule of rules) {
      assert.ok(!scolding.test(rule.reason), `${rule.id}: ${rule.reason}`);
      for (const alternative of rule.alternatives) assert.ok(!scolding.test(alternative), rule.id);
    }
  });
  it('generates inflections and spelling variants', () => {
    const forms = (pattern: string) =>
      expandPattern(pattern, defaultLexicon, 'test').map((v) => v.words.join(' '));
    assert.deepEqual(
      ['refuse', 'refuses', 'refused', 'refusing'].filter((f) => forms('refuse~').includes(f)),
      ['refuse', 'refuses', 'refused', 'refusing'],
    );
    assert.deepEqual(forms('non-compliant').sort(), ['non compliant', 'noncompliant']);
    assert.ok(forms('addict+').includes('addicts'));
    assert.ok(forms('junkie+').includes('junkies'));
    assert.ok(forms('blow~ up').includes('blew up'));
    assert.ok(forms('kick~ off').includes('kicking off'));
  });
});
