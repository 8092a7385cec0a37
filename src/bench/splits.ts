/**
 * The benchmark splits the answer policy and the span reader may be fitted on (../shared/bench/README.md
 * names them), and the grouped folds both fitting scripts cross-validate with. The report-only splits
 * (DRCD dev, CMRC 2018 dev, CLUENER dev) are never listed here.
 */

/** SQuAD-style tuning splits, relative to the bench folder. */
export const TUNING_SPLITS = ['drcd/DRCD_test.json', 'cmrc2018/cmrc2018_trial.json', 'cail2019/cail2019_test.json'];

/** Stable fold of a group (a document): folds never split a document. */
export function foldOf(group: string, folds: number): number {
  let h = 2166136261;
  for (let i = 0; i < group.length; i++) h = Math.imul(h ^ group.charCodeAt(i), 16777619);
  return (h >>> 0) % folds;
}
