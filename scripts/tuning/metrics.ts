/**
 * Agreement between a clustering and the true labels, for the suggestion-quality benchmark:
 * purity, homogeneity / completeness / V-measure and the adjusted Rand index.
 * @see https://aclanthology.org/D07-1043/ (Rosenberg and Hirschberg 2007, V-measure)
 * @see https://doi.org/10.1007/BF01908075 (Hubert and Arabie 1985, adjusted Rand index)
 * @module
 */

/** Scores in [0, 1] (ARI can fall slightly below 0 for worse-than-chance clusterings). */
export interface ClusterAgreement {
  purity: number;
  homogeneity: number;
  completeness: number;
  vMeasure: number;
  adjustedRand: number;
  clusters: number;
  labels: number;
}

/**
 * Compares predicted clusters with true labels, item by item (`predicted[i]` and `truth[i]` belong
 * to item i).
 * @throws Error when the arrays differ in length.
 * @example clusterAgreement([0, 0, 1], ['a', 'a', 'b']).vMeasure // 1
 */
export function clusterAgreement(predicted: readonly (string | number)[], truth: readonly (string | number)[]): ClusterAgreement {
  if (predicted.length !== truth.length) throw new Error(`clusterAgreement: ${predicted.length} predictions for ${truth.length} labels`);
  const n = predicted.length;
  const table = new Map<string | number, Map<string | number, number>>();
  const byCluster = new Map<string | number, number>();
  const byLabel = new Map<string | number, number>();
  for (let i = 0; i < n; i++) {
    const c = predicted[i]!;
    const l = truth[i]!;
    let row = table.get(c);
    if (!row) table.set(c, (row = new Map()));
    row.set(l, (row.get(l) ?? 0) + 1);
    byCluster.set(c, (byCluster.get(c) ?? 0) + 1);
    byLabel.set(l, (byLabel.get(l) ?? 0) + 1);
  }
  if (n === 0) return { purity: 1, homogeneity: 1, completeness: 1, vMeasure: 1, adjustedRand: 1, clusters: 0, labels: 0 };
  let purity = 0;
  for (const row of table.values()) purity += Math.max(...row.values());
  purity /= n;

  const entropy = (counts: Iterable<number>) => {
    let h = 0;
    for (const c of counts) if (c > 0) h -= (c / n) * Math.log(c / n);
    return h;
  };
  const hLabels = entropy(byLabel.values());
  const hClusters = entropy(byCluster.values());
  let hLabelsGivenClusters = 0;
  let hClustersGivenLabels = 0;
  for (const [c, row] of table) {
    for (const [l, nij] of row) {
      hLabelsGivenClusters -= (nij / n) * Math.log(nij / byCluster.get(c)!);
      hClustersGivenLabels -= (nij / n) * Math.log(nij / byLabel.get(l)!);
    }
  }
  const homogeneity = hLabels === 0 ? 1 : 1 - hLabelsGivenClusters / hLabels;
  const completeness = hClusters === 0 ? 1 : 1 - hClustersGivenLabels / hClusters;
  const vMeasure = homogeneity + completeness === 0 ? 0 : (2 * homogeneity * completeness) / (homogeneity + completeness);

  const pairs = (x: number) => (x * (x - 1)) / 2;
  let index = 0;
  for (const row of table.values()) for (const nij of row.values()) index += pairs(nij);
  let a = 0;
  for (const x of byCluster.values()) a += pairs(x);
  let b = 0;
  for (const x of byLabel.values()) b += pairs(x);
  const expected = (a * b) / pairs(n || 1);
  const max = (a + b) / 2;
  const adjustedRand = max === expected ? 1 : (index - expected) / (max - expected);
  return { purity, homogeneity, completeness, vMeasure, adjustedRand, clusters: byCluster.size, labels: byLabel.size };
}
