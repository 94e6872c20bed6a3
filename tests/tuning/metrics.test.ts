/** Cluster agreement scores against values from the literature / scikit-learn's documented examples. */
import { describe, expect, it } from 'vitest';
import { clusterAgreement } from '../../scripts/tuning/metrics.js';

describe('clusterAgreement', () => {
  it('scores a perfect clustering 1 whatever the cluster names', () => {
    const m = clusterAgreement([7, 7, 3, 3, 9], ['a', 'a', 'b', 'b', 'c']);
    expect(m).toMatchObject({ purity: 1, homogeneity: 1, completeness: 1, vMeasure: 1, adjustedRand: 1, clusters: 3, labels: 3 });
  });

  it('matches the V-measure of the scikit-learn example (classes split into more clusters)', () => {
    // sklearn: homogeneity_completeness_v_measure([0,0,0,1,1,1], [0,0,1,1,2,2]) = (0.667, 0.421, 0.516)
    const m = clusterAgreement([0, 0, 1, 1, 2, 2], [0, 0, 0, 1, 1, 1]);
    expect(m.homogeneity).toBeCloseTo(0.6667, 3);
    expect(m.completeness).toBeCloseTo(0.4206, 3);
    expect(m.vMeasure).toBeCloseTo(0.5158, 3);
    expect(m.purity).toBeCloseTo(5 / 6, 6);
  });

  it('matches the adjusted Rand index of the scikit-learn example', () => {
    // sklearn: adjusted_rand_score([0, 0, 1, 2], [0, 0, 1, 1]) = 0.571...
    expect(clusterAgreement([0, 0, 1, 1], [0, 0, 1, 2]).adjustedRand).toBeCloseTo(0.5714, 3);
    // Everything in one cluster carries no information.
    expect(clusterAgreement([0, 0, 0, 0], ['a', 'a', 'b', 'b']).adjustedRand).toBeCloseTo(0, 6);
  });

  it('rejects arrays of different lengths', () => {
    expect(() => clusterAgreement([0], [])).toThrow(/1 predictions for 0 labels/);
  });
});
