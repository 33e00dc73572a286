/** Mean negative log-likelihood of the gold labels under softmax(scores × temperature). */
function meanNll(scores: readonly Float64Array[], gold: Int32Array, temperature: number): number {
  let total = 0;
  for (let n = 0; n < scores.length; n++) {
    const s = scores[n]!;
    let top = -Infinity;
    for (const v of s) top = Math.max(top, v * temperature);
    let sum = 0;
    for (const v of s) sum += Math.exp(v * temperature - top);
    total += top + Math.log(sum) - s[gold[n]!]! * temperature;
  }
  return total / Math.max(1, scores.length);
}

/**
 * The temperature that makes softmax(scores × T) best predict held-out labels (minimum NLL), by
 * golden-section search on log T. Hinge-trained scores are margins, not log-odds: without this the
 * reported confidence would mean little.
 */
export function calibrateTemperature(scores: readonly Float64Array[], gold: Int32Array): number {
  if (scores.length === 0) return 1;
  const f = (logT: number) => meanNll(scores, gold, Math.exp(logT));
  const ratio = (Math.sqrt(5) - 1) / 2;
  let lo = Math.log(0.01);
  let hi = Math.log(1000);
  let a = hi - ratio * (hi - lo);
  let b = lo + ratio * (hi - lo);
  let fa = f(a);
  let fb = f(b);
  for (let i = 0; i < 60; i++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - ratio * (hi - lo);
      fa = f(a);
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + ratio * (hi - lo);
      fb = f(b);
    }
  }
  return Math.exp((lo + hi) / 2);
}
