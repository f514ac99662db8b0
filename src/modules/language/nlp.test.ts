// The server's NLP layer: what it clears (a label word that describes a longer noun phrase),
// what it leaves, and what happens when its model cannot be loaded or tagging fails.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkText, defaultLexicon } from './checker.ts';
import { checkWithNlp, createFullChecker, createNlpLayer } from './nlp.ts';
import { loadWinkTagger } from './nlp-tagger.ts';
import type { Tagger } from './nlp-tagger.ts';

const rules = new Map(defaultLexicon.rules.map((r) => [r.id, r]));

type Case = [text: string, lexicon: string[], full: string[]];

describe('the NLP layer reads the noun phrase after a label word', () => {
  const cases: Case[] = [
    // Cleared: the word describes the noun that follows, through a number or a participle.
    ['Her notes mention a bipolar 2 diagnosis made in 2019.', ['bipolar'], []],
    ['He had a psychotic 3-day episode after the festival.', ['psychotic'], []],
    ['Staff managed her 2 children during the home visit.', ['managed'], []],
    ['Admitted after a bipolar related relapse in June.', ['bipolar'], []],
    ['Some manic gambling over the bank holiday weekend.', ['manic'], []],
    ['An anorexic restricting pattern returned in the spring.', ['anorexic'], []],
    ['The alcoholic drinking pattern has eased since May.', ['alcoholic'], []],
    // Kept: the word still stands for the person.
    ['She is a depressive and lives alone.', ['depressive'], ['depressive']],
    ['He is a schizophrenic 30 years old.', ['schizophrenic'], ['schizophrenic']],
    ['Seen in clinic as an alcoholic drinking daily.', ['alcoholic'], ['alcoholic']],
    ['Reported a psychotic wandering the streets at night.', ['psychotic'], ['psychotic']],
    ['A schizophrenic diagnosed in 2010, now in a flat.', ['schizophrenic'], ['schizophrenic']],
    ['Night staff managed him in the lounge.', ['managed'], ['managed']],
    // Other findings are never touched.
    ['He refused his depot and kicked off.', ['refused', 'kicked off'], ['refused', 'kicked off']],
  ];
  for (const [text, lexicon, full] of cases) {
    it(`${lexicon.length === full.length ? 'keeps' : 'clears'}: ${text}`, () => {
      assert.deepEqual(
        checkText(text).map((f) => f.text),
        lexicon,
      );
      assert.deepEqual(
        checkWithNlp(text).map((f) => f.text),
        full,
      );
    });
  }

  it('uses an organisation’s own label rule too', () => {
    const check = createFullChecker({
      extraRules: [
        {
          id: 'org-psychopathic',
          category: 'dehumanising-label',
          severity: 'high',
          patterns: ['psychopathic+'],
          reason: 'Reduces the person to a label.',
          alternatives: ['describe what happened'],
          context: { label: { copula: true } },
        },
      ],
    });
    assert.deepEqual(
      check('He is a psychopathic.').map((f) => f.ruleId),
      ['org-psychopathic'],
    );
    assert.deepEqual(check('A psychopathic 2 hour rant.'), []);
  });
});

describe('the tagger', () => {
  it('gives offsets into the passage, across contractions, dashes and curly quotes', () => {
    const passage = 'She isn’t a “schizophrenic”—can’t say. Dr. Rao saw him at 3 p.m. Fine.';
    const tokens = loadWinkTagger().tag(passage);
    assert.ok(tokens.length > 10);
    for (const t of tokens) assert.equal(passage.slice(t.start, t.end).toLowerCase(), t.norm);
    const sentences = new Set(tokens.map((t) => t.sentence));
    assert.ok(sentences.size >= 2);
  });
});

describe('when the model cannot be loaded', () => {
  const text = 'Jade Smith is a depressive; a bipolar 2 diagnosis. He refused lunch.';

  function failingLayer() {
    const warnings: string[] = [];
    let loads = 0;
    const layer = createNlpLayer({
      load: () => {
        loads++;
        throw Object.assign(new Error(`cannot find ${text}`), { code: 'MODULE_NOT_FOUND' });
      },
      warn: (message) => warnings.push(message),
    });
    return { layer, warnings, loads: () => loads };
  }

  it('answers with the lexicon layer and warns once, without the text', () => {
    const { layer, warnings, loads } = failingLayer();
    const lexicon = checkText(text);
    assert.deepEqual(
      lexicon.map((f) => f.text),
      ['depressive', 'bipolar', 'refused'],
    );
    for (let i = 0; i < 3; i++)
      assert.deepEqual(layer.refine(text, checkText(text), rules), lexicon);
    assert.equal(layer.status(), 'unavailable');
    assert.equal(loads(), 1);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /lexicon layer alone/);
    assert.match(warnings[0] ?? '', /MODULE_NOT_FOUND/);
    assert.doesNotMatch(warnings[0] ?? '', /Jade|depressive|refused/);
  });

  it('falls back the same way when HEARTH_NLP_MODEL names a model that is not installed', () => {
    const before = process.env.HEARTH_NLP_MODEL;
    process.env.HEARTH_NLP_MODEL = 'hearth-no-such-nlp-model';
    try {
      const warnings: string[] = [];
      const layer = createNlpLayer({ warn: (m) => warnings.push(m) });
      const check = createFullChecker(undefined, layer);
      assert.deepEqual(check(text), checkText(text));
      assert.deepEqual(check(text), checkText(text));
      assert.equal(layer.status(), 'unavailable');
      assert.equal(warnings.length, 1);
      assert.doesNotMatch(warnings[0] ?? '', /Jade|depressive/);
    } finally {
      if (before === undefined) delete process.env.HEARTH_NLP_MODEL;
      else process.env.HEARTH_NLP_MODEL = before;
    }
  });

  it('keeps the lexicon result and warns once when tagging fails on a text', () => {
    const warnings: string[] = [];
    const broken: Tagger = {
      tag: () => {
        throw new TypeError('bad');
      },
    };
    const layer = createNlpLayer({ load: () => broken, warn: (m) => warnings.push(m) });
    assert.deepEqual(layer.refine(text, checkText(text), rules), checkText(text));
    assert.deepEqual(layer.refine(text, checkText(text), rules), checkText(text));
    assert.equal(warnings.length, 1);
    assert.doesNotMatch(warnings[0] ?? '', /Jade|depressive/);
  });

  it('does not load the model for text without a finding it reads', () => {
    let loads = 0;
    const layer = createNlpLayer({
      load: () => {
        loads++;
        return loadWinkTagger();
      },
      warn: () => assert.fail('no warning expected'),
    });
    const plain = 'He refused lunch and kicked off.';
    assert.deepEqual(layer.refine(plain, checkText(plain), rules), checkText(plain));
    assert.equal(layer.status(), 'idle');
    assert.equal(loads, 0);
    layer.refine(text, checkText(text), rules);
    assert.equal(layer.status(), 'ready');
    assert.equal(loads, 1);
  });
});
