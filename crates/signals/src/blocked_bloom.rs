//! [`BlockedBloom`]: a set of 64-bit hashes that answers "maybe held" or
//! "surely not", one cache line a lookup. Two users: the passes' repeated
//! `n`-grams (`passes.rs`) and the story index's terms seen once
//! (`story_index.rs`, layer by layer, saved in the state).
//!
//! Written here rather than taken from a crate: both users need the bits
//! saved and loaded exactly (the saved signals state), keys that are
//! already 64-bit hashes, and a fixed layout; the Bloom crates hash their
//! keys again and do not promise their layout across versions.

/// splitmix64's finaliser: every output bit depends on every input bit.
pub(crate) fn mix64(mut h: u64) -> u64 {
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// A blocked Bloom filter of 64-bit hashes: each hash sets seven bits of
/// one 512-bit block. At 16 bits a hash about 0.3 % of the hashes never
/// inserted are reported held.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct BlockedBloom {
    /// 512-bit blocks.
    blocks: Vec<[u64; 8]>,
    /// Hashes inserted.
    pub(crate) len: usize,
}

impl BlockedBloom {
    /// An empty filter for `n` hashes at `bits` bits each.
    pub(crate) fn with_capacity(n: usize, bits: usize) -> BlockedBloom {
        BlockedBloom {
            blocks: vec![[0u64; 8]; (n * bits).div_ceil(512).max(1)],
            len: 0,
        }
    }

    /// The block of `h` and the seven bits in it (9 bits each of a second
    /// hash of `h`).
    fn probe(&self, h: u64) -> (usize, impl Iterator<Item = (usize, u64)>) {
        let block = ((u128::from(h) * self.blocks.len() as u128) >> 64) as usize;
        let g = mix64(h ^ 0x9e37_79b9_7f4a_7c15);
        let bits = (0..7).map(move |k| {
            let bit = (g >> (9 * k)) as usize & 511;
            (bit / 64, 1u64 << (bit % 64))
        });
        (block, bits)
    }

    pub(crate) fn insert(&mut self, h: u64) {
        let (b, bits) = self.probe(h);
        let mut block = self.blocks[b];
        for (word, mask) in bits {
            block[word] |= mask;
        }
        self.blocks[b] = block;
        self.len += 1;
    }

    /// `true` for every inserted hash (and rarely for others).
    pub(crate) fn contains(&self, h: u64) -> bool {
        let (b, mut bits) = self.probe(h);
        let block = &self.blocks[b];
        bits.all(|(word, mask)| block[word] & mask != 0)
    }

    /// The filter's words, block after block (what [`BlockedBloom::from_words`]
    /// reads back).
    pub(crate) fn words(&self) -> impl Iterator<Item = u64> + '_ {
        self.blocks.iter().flatten().copied()
    }

    /// Every bit set: the filter then holds every hash.
    #[cfg(test)]
    pub(crate) fn saturate(&mut self) {
        self.blocks.fill([u64::MAX; 8]);
    }

    /// How many words [`BlockedBloom::words`] gives.
    pub(crate) fn word_count(&self) -> usize {
        self.blocks.len() * 8
    }

    /// The filter of these words and count of inserted hashes; `None`
    /// when the words are not whole blocks (or none).
    pub(crate) fn from_words(words: &[u64], len: usize) -> Option<BlockedBloom> {
        if words.is_empty() || words.len() % 8 != 0 {
            return None;
        }
        let blocks = words
            .chunks_exact(8)
            .map(|c| {
                let mut b = [0u64; 8];
                b.copy_from_slice(c);
                b
            })
            .collect();
        Some(BlockedBloom { blocks, len })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_read_back_from_its_words_answers_the_same() {
        let mut f = BlockedBloom::with_capacity(1000, 16);
        for i in 0..1000u64 {
            f.insert(mix64(i));
        }
        let words: Vec<u64> = f.words().collect();
        assert_eq!(words.len(), f.word_count());
        let g = BlockedBloom::from_words(&words, f.len).unwrap();
        assert_eq!(f, g);
        assert!((0..1000u64).all(|i| g.contains(mix64(i))));
        assert!(BlockedBloom::from_words(&words[..7], 1).is_none());
        assert!(BlockedBloom::from_words(&[], 0).is_none());
    }
}
