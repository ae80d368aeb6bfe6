import { TEST_ENGINE } from '../../setup/test-database';

/**
 * The two tiers (issue 8). RELIABILITY_TIER=pr (default) is what .ci/run runs on every change;
 * RELIABILITY_TIER=full (`npm run test:reliability -- --full`) is the nightly size. Sizes are per
 * engine: the suite runs once on SQLite and once on PostgreSQL (DB_ENGINE).
 */
export type Tier = 'pr' | 'full';
export const TIER: Tier = process.env.RELIABILITY_TIER === 'full' ? 'full' : 'pr';
export const ENGINE = TEST_ENGINE;

export interface Sizes {
  /** F1: grammar-valid filters checked against the evaluator, and mutated/hostile filters. */
  filterValid: number;
  filterMutated: number;
  /** F2: model-based PATCH sequences (each 1–4 PATCH requests). */
  patchRuns: number;
  /** F3 / F4: malformed bodies and malformed header sets. */
  bodyCases: number;
  headerCases: number;
  /** Requests in flight at once during fuzzing (loopback, 2 cores). */
  pool: number;
  /** C1 rounds of 50 identical POSTs; C1b/C2/C3 rounds; C4 If-Match rounds; C5 DELETE-vs-add iterations. */
  c1Rounds: number;
  c2Rounds: number;
  c4Rounds: number;
  c5Iterations: number;
  /** K1 kill -9 cycles; K2 PATCH kill cycles (and the big group's size); K3 migration kill cycles. */
  killCycles: number;
  patchKillCycles: number;
  bigGroupMembers: number;
  migrationKillCycles: number;
  /** O1/O2/O3 runs per outage kind. */
  outageRuns: number;
  /** T1: users and groups of tenant B probed with tenant A's credentials. */
  crossUsers: number;
  crossGroups: number;
  /** A3: wrong tokens sent from one address. */
  bruteForceAttempts: number;
  /** Two replicas: rounds of the uniqueness/membership races spread over both. */
  replicaRounds: number;
}

const SIZES: Record<Tier, Sizes> = {
  pr: {
    filterValid: 3000, filterMutated: 2000, patchRuns: 1200, bodyCases: 2500, headerCases: 2500, pool: 6,
    c1Rounds: 3, c2Rounds: 2, c4Rounds: 5, c5Iterations: 30,
    killCycles: 5, patchKillCycles: 3, bigGroupMembers: 300, migrationKillCycles: 3,
    outageRuns: 1, crossUsers: 20, crossGroups: 5, bruteForceAttempts: 100, replicaRounds: 2,
  },
  full: {
    filterValid: 30000, filterMutated: 20000, patchRuns: 12000, bodyCases: 25000, headerCases: 25000, pool: 6,
    c1Rounds: 20, c2Rounds: 10, c4Rounds: 20, c5Iterations: 100,
    killCycles: 20, patchKillCycles: 50, bigGroupMembers: 1000, migrationKillCycles: 10,
    outageRuns: 5, crossUsers: 50, crossGroups: 10, bruteForceAttempts: 1000, replicaRounds: 10,
  },
};

export const SIZE: Sizes = SIZES[TIER];

/** fast-check seed: fixed per run and printed, so a failure can be replayed (FC_SEED=… ). */
export const FC_SEED = Number(process.env.FC_SEED ?? Date.now() % 2_147_483_647);

export const label = (what: string) => `${what} [${ENGINE}, ${TIER} tier]`;
