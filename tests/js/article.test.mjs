// The example article (web/demo/article.html) states what its figures show. These tests run the
// figures' own configurations through the widget's Trainer (the same code the element runs), over
// the sixteen seeds the prose speaks of, and check each claim, so the text cannot drift from the code.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { summarizeStudy } from '../../web/src/study.js';
import { Trainer } from '../../web/src/widget/trainer.js';
import { BY_ATTR, defaults, parse } from '../../web/src/widget/state.js';
import { studyOptions } from '../../web/src/widget/studychart.js';
import { loadFlavor } from './helpers.mjs';

const html = readFileSync(new URL('../../web/demo/article.html', import.meta.url), 'utf8');
const SEEDS = Array.from({ length: 16 }, (_, i) => i + 1);

// Each <elu-playground ...> of the article as a widget state (defaults + its attributes).
function figures() {
  return [...html.matchAll(/<elu-playground\b([^>]*)>/g)].map(([, attrs]) => {
    const state = defaults();
    const warnings = [];
    for (const [, name, value] of attrs.matchAll(/([a-z-]+)(?:="([^"]*)")?/g)) {
      const field = BY_ATTR[name];
      if (!field) continue;
      const r = parse(field, value ?? '');
      state[field.name] = r.value;
      if (r.warning) warnings.push(r.warning);
    }
    return { state, warnings };
  });
}

const trainerConfig = (state, seed) => ({ ...state, dataset: state.datasetName, seed });
const mean = (a) => a.reduce((s, v) => s + v, 0) / a.length;
const count = (a) => a.filter(Boolean).length;

test('the article has five figures, and every attribute parses without a warning', () => {
  const all = figures();
  assert.equal(all.length, 5);
  for (const f of all) assert.deepEqual(f.warnings, []);
});

test('the captions number the figures in the order they appear', () => {
  const numbers = [...html.matchAll(/<figcaption>Figure (\d+)\./g)].map((m) => Number(m[1]));
  assert.deepEqual(numbers, figures().map((_, i) => i + 1));
});

test('figure 2 (ELU vs ReLU on the spiral): the claims of the text hold over 16 seeds', async () => {
  const { api: m } = await loadFlavor('simd');
  const { state } = figures()[1];
  assert.equal(state.compare, 'relu');
  const runs = SEEDS.map((seed) => {
    const t = new Trainer(m, trainerConfig(state, seed));
    t.step(100);
    const [elu, relu] = t.runs.map((r) => r.trainLoss);
    const [se, sr] = t.stats();
    const meanAbs = (s) => mean(s.meanActivation.map(Math.abs));
    const result = {
      eluAhead: elu < relu,
      reluDead: sr.deadFraction.some((d) => d > 0),
      eluDead: se.deadFraction.some((d) => d > 0),
      eluMeanCloser: meanAbs(se) < meanAbs(sr),
    };
    t.dispose();
    return result;
  });
  // "its training loss after 100 epochs was the lower one in twelve" (of 16; to within 2)
  assert.ok(Math.abs(count(runs.map((r) => r.eluAhead)) - 12) <= 2, JSON.stringify(runs));
  // "ReLU lost units for good in every one of those runs"; "ELU's units practically cannot die"
  assert.ok(count(runs.map((r) => r.reluDead)) >= 15, JSON.stringify(runs));
  assert.equal(count(runs.map((r) => r.eluDead)), 0);
  // "ELU's are not closer to zero than ReLU's; they were in only four of the sixteen runs" (to within 2)
  assert.ok(Math.abs(count(runs.map((r) => r.eluMeanCloser)) - 4) <= 2, JSON.stringify(runs));
});

test('figure 4 (three arms, 8,8): alpha 0.6 beats 0.05 and 3 by the margins the text quotes', async () => {
  const { api: m } = await loadFlavor('simd');
  const { state } = figures()[3];
  assert.equal(state.datasetName, 'three');
  assert.equal(state.alpha, 0.05);
  // Mean test accuracy over the seeds after `plan` ([alpha, epochs] steps).
  const accuracy = (plan) => mean(SEEDS.map((seed) => {
    const t = new Trainer(m, { ...trainerConfig(state, seed), alpha: plan[0][0] });
    for (const [alpha, epochs] of plan) {
      t.update({ alpha });
      t.step(epochs);
    }
    const a = t.runs[0].accuracy;
    t.dispose();
    return a;
  }));
  const low = accuracy([[0.05, 300]]);
  const mid = accuracy([[0.6, 300]]);
  const high = accuracy([[3, 300]]);
  const detail = JSON.stringify({ low, mid, high });
  // The text: "73% at alpha 0.05, 87% at 0.6 and 70% at 3" (to within 3 points), and "the middle
  // value usually wins clearly" (by 8 points or more on both sides).
  assert.ok(Math.abs(low - 0.73) <= 0.03, detail);
  assert.ok(Math.abs(mid - 0.87) <= 0.03, detail);
  assert.ok(Math.abs(high - 0.70) <= 0.03, detail);
  assert.ok(mid - low >= 0.08 && mid - high >= 0.08, detail);
});

test('figure 3 (inside 4 hidden layers of 8): dead ReLU units in every run, none for ELU; the layer means', async () => {
  const { api: m } = await loadFlavor('simd');
  const { state } = figures()[2];
  assert.deepEqual([state.compare, state.hiddenLayers, state.panels], ['relu', [8, 8, 8, 8], ['network', 'training']]);
  const runs = SEEDS.map((seed) => {
    const t = new Trainer(m, trainerConfig(state, seed));
    t.step(50);
    const [se, sr] = t.stats();
    const dead = (s) => s.units.reduce((n, u) => n + u.dead.filter(Boolean).length, 0);
    const result = {
      reluDead: dead(sr),
      eluDead: dead(se),
      firstCloser: Math.abs(se.meanActivation[0]) < Math.abs(sr.meanActivation[0]),
      fourthLarger: se.meanActivation[3] > sr.meanActivation[3],
    };
    t.dispose();
    return result;
  });
  const detail = JSON.stringify(runs);
  // "ReLU lost between four and ten of its thirty-two hidden units ... ELU lost none."
  assert.ok(runs.every((r) => r.reluDead >= 4 && r.reluDead <= 10), detail);
  assert.ok(runs.every((r) => r.eluDead === 0), detail);
  // "ELU's first layer does average closer to zero than ReLU's, in all sixteen runs"
  assert.equal(count(runs.map((r) => r.firstCloser)), 16, detail);
  // "in the fourth layer ELU's mean was the larger one in thirteen of the sixteen" (to within 2)
  assert.ok(Math.abs(count(runs.map((r) => r.fourthLarger)) - 13) <= 2, detail);
});

test('figure 5 (the study on the spiral): the accuracies, epochs to target and the ReLU match the text quotes', async () => {
  const { api: m } = await loadFlavor('simd');
  const { state } = figures()[4];
  assert.deepEqual([state.panels, state.datasetName, state.studyAlphas, state.studySeeds, state.studyEpochs, state.studyBaselines],
    [['study'], 'spiral', [0, 0.1, 0.3, 0.6, 1, 2, 3], 8, 150, ['relu']]);
  // The figure's exact study: what its Run button runs.
  const { options, records } = await m.study(studyOptions(state), { sliceMs: 1000 });
  assert.equal(records.length, 64, '"64 runs"');
  assert.equal(options.target, 0.8, '"reached 80% test accuracy"');
  const groups = summarizeStudy(records);
  const at = (alpha) => groups.find((g) => g.alpha === alpha);
  const relu = groups.find((g) => g.activation === 'relu');
  const detail = JSON.stringify(groups.map((g) => [g.alpha ?? g.activation, g.accuracy.median, g.epochsToTarget.median, g.epochsToTarget.reached]));
  // "the median test accuracy climbed from 85% at alpha 0 to 99.5% at 0.6 and fell back to 88% at 3" (to within 2 points)
  for (const [alpha, quoted] of [[0, 0.85], [0.6, 0.995], [3, 0.88]]) {
    assert.ok(Math.abs(at(alpha).accuracy.median - quoted) <= 0.02, `alpha ${alpha}: ${detail}`);
  }
  // ... and the peak lies in the sweet spot: the best median accuracy at an alpha in [0.3, 1].
  const best = groups.filter((g) => g.alpha !== null).sort((a, b) => b.accuracy.median - a.accuracy.median)[0];
  assert.ok(best.alpha >= 0.3 && best.alpha <= 1, detail);
  // "after about 65 epochs at alpha 0, 40 at 0.6 and 70 at 3" (to within 5 epochs)
  for (const [alpha, quoted] of [[0, 65], [0.6, 40], [3, 70]]) {
    assert.ok(Math.abs(at(alpha).epochsToTarget.median - quoted) <= 5, `alpha ${alpha}: ${detail}`);
  }
  // "a broad sweet spot between about 0.3 and 1, where every run reached the target"
  for (const alpha of [0.3, 0.6, 1]) assert.equal(at(alpha).epochsToTarget.reached, 8, `alpha ${alpha}: ${detail}`);
  // "At alpha 0 the ELU runs are exactly the ReLU runs (the same numbers, seed for seed)"
  const strip = ({ trainLoss, testLoss, accuracy, epochsToTarget, diverged, seed }) => ({ trainLoss, testLoss, accuracy, epochsToTarget, diverged, seed });
  assert.deepEqual(records.filter((r) => r.alpha === 0).map(strip), records.filter((r) => r.activation === 'relu').map(strip));
  assert.deepEqual(relu.accuracy, at(0).accuracy);
});
