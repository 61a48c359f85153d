//! [`MinHasher`] and [`LshTable`]: MinHash signatures of shingle sets and a
//! banded LSH table that returns, for a new signature, the earlier items
//! likely to resemble it.

use crate::shingles::ShingleSet;
use rustc_hash::FxHashMap;

/// Bands of the LSH table.
pub const BANDS: usize = 16;
/// Rows per band. With 16 × 4, a pair with resemblance 0.5 becomes a
/// candidate with probability 1 − (1 − 0.5⁴)¹⁶ ≈ 0.64, one with 0.7 with
/// ≈ 0.98, one with 0.2 with ≈ 0.03.
pub const ROWS: usize = 4;
const PERMUTATIONS: usize = BANDS * ROWS;

/// A MinHash signature.
pub type Signature = [u32; PERMUTATIONS];

/// MinHash with fixed (seeded) hash functions, so signatures are stable
/// across runs.
#[derive(Debug, Clone)]
pub struct MinHasher {
    a: [u64; PERMUTATIONS],
    b: [u64; PERMUTATIONS],
}

impl Default for MinHasher {
    fn default() -> Self {
        // SplitMix64 from a fixed seed: odd multipliers, any offsets.
        let mut state = 0x5EED_u64;
        let mut next = || {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        let mut a = [0u64; PERMUTATIONS];
        let mut b = [0u64; PERMUTATIONS];
        for i in 0..PERMUTATIONS {
            a[i] = next() | 1;
            b[i] = next();
        }
        MinHasher { a, b }
    }
}

impl MinHasher {
    /// The signature of `set` (all `u32::MAX` for an empty set).
    pub fn signature(&self, set: &ShingleSet) -> Signature {
        let mut sig = [u32::MAX; PERMUTATIONS];
        for &x in &set.0 {
            for (i, s) in sig.iter_mut().enumerate() {
                let h = (self.a[i].wrapping_mul(x).wrapping_add(self.b[i]) >> 32) as u32;
                if h < *s {
                    *s = h;
                }
            }
        }
        sig
    }
}

/// Items bucketed by band.
#[derive(Debug, Default)]
pub struct LshTable {
    buckets: FxHashMap<(u8, u64), Vec<u32>>,
}

fn band_key(sig: &Signature, band: usize) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &v in &sig[band * ROWS..(band + 1) * ROWS] {
        h = (h ^ u64::from(v)).wrapping_mul(0x0100_0000_01b3);
    }
    h
}

impl LshTable {
    /// Earlier items sharing a band with `sig`, without duplicates.
    pub fn candidates(&self, sig: &Signature) -> Vec<u32> {
        let mut out: Vec<u32> = Vec::new();
        for band in 0..BANDS {
            if let Some(items) = self.buckets.get(&(band as u8, band_key(sig, band))) {
                out.extend_from_slice(items);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Adds item `id` with signature `sig`.
    pub fn insert(&mut self, id: u32, sig: &Signature) {
        if sig[0] == u32::MAX {
            return; // empty set: never a candidate
        }
        for band in 0..BANDS {
            self.buckets
                .entry((band as u8, band_key(sig, band)))
                .or_default()
                .push(id);
        }
    }

    /// Buckets in use (for memory accounting).
    pub fn buckets(&self) -> usize {
        self.buckets.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shingles::shingles;

    #[test]
    fn similar_texts_collide_and_different_ones_do_not() {
        let m = MinHasher::default();
        let a = "The talks in Geneva will resume next week, the ministry said on Friday, after a pause of two months.";
        let b = "The talks in Geneva will resume next week, the ministry said on Friday, after a pause of two months!";
        let c = "Heavy rain flooded the old town and closed three bridges over the river on Sunday night.";
        let mut t = LshTable::default();
        t.insert(0, &m.signature(&shingles(a, 3)));
        t.insert(1, &m.signature(&shingles(c, 3)));
        let cands = t.candidates(&m.signature(&shingles(b, 3)));
        assert!(cands.contains(&0), "{cands:?}");
        assert!(!cands.contains(&1), "{cands:?}");
    }

    #[test]
    fn signatures_are_stable() {
        let m1 = MinHasher::default();
        let m2 = MinHasher::default();
        let s = shingles("one two three four", 2);
        assert_eq!(m1.signature(&s), m2.signature(&s));
    }
}
