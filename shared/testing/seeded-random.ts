import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/**
 * A seeded source of floats in [0, 1), shared by every randomised test (unit, property, e2e) and
 * the benchmark's text generator, so a failing random run can be replayed from the seed it
 * printed. Lives in shared/ because tests of every part use it; only tests and the bench import it.
 */
export function seededRandom(seed: number): () => number {
  const rng = xoroshiro128plus(seed);
  return () => uniformFloat64(rng);
}
