//! [`Postings`]: a compact inverted index from 32-bit keys (hashed shingles
//! or LSH band keys) to item numbers, in segments that can be dropped whole.
//!
//! The newest segment takes inserts (a hash map of list heads over one
//! array of links, 12 + 8 bytes per posting at most); a full segment is
//! sealed into one sorted array of `(key, item)` pairs (8 bytes per posting,
//! looked up by binary search). Dropping the oldest segment is how the
//! candidate index forgets old items while their cluster ids stay.

use rustc_hash::FxHashMap;

const NIL: u32 = u32::MAX;

/// The segment taking inserts.
#[derive(Debug, Default)]
struct Active {
    /// key → (head of its list in `links`, length).
    heads: FxHashMap<u32, (u32, u32)>,
    /// (item, next link or NIL).
    links: Vec<(u32, u32)>,
}

/// A sealed segment: pairs sorted by key then item, with a directory from
/// the top `bits` bits of a key to where its pairs start (one or two cache
/// misses per lookup instead of a binary search's twenty).
#[derive(Debug, Default)]
struct Sealed {
    pairs: Vec<(u32, u32)>,
    bits: u32,
    /// `dir[b]..dir[b + 1]`: the pairs whose key's top bits are `b`.
    dir: Vec<u32>,
}

impl Sealed {
    fn new(mut pairs: Vec<(u32, u32)>) -> Sealed {
        pairs.sort_unstable();
        // About eight pairs per directory slot.
        let bits = (usize::BITS - (pairs.len() / 8).leading_zeros()).clamp(1, 24);
        let slots = 1usize << bits;
        let mut dir = vec![0u32; slots + 1];
        for p in &pairs {
            dir[Self::slot(p.0, bits) + 1] += 1;
        }
        for s in 0..slots {
            dir[s + 1] += dir[s];
        }
        Sealed { pairs, bits, dir }
    }

    fn slot(key: u32, bits: u32) -> usize {
        (key >> (32 - bits)) as usize
    }

    fn range(&self, key: u32) -> &[(u32, u32)] {
        let s = Self::slot(key, self.bits);
        let (lo, hi) = (self.dir[s] as usize, self.dir[s + 1] as usize);
        let bucket = &self.pairs[lo..hi];
        let a = bucket.partition_point(|p| p.0 < key);
        let b = a + bucket[a..].partition_point(|p| p.0 == key);
        &bucket[a..b]
    }

    /// The items under `key`, appended to `out`, unless more than `max`.
    fn hits(&self, key: u32, max: usize, out: &mut Vec<u32>) {
        let r = self.range(key);
        if r.len() <= max {
            out.extend(r.iter().map(|p| p.1));
        }
    }
}

/// Which segments a lookup reads.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Segments {
    /// The sealed ones only.
    Sealed,
    /// Those sealed since a [`Postings::mark`] and the active one
    /// (`Since(0)`: every segment).
    Since(u64),
}

/// Segmented postings.
#[derive(Debug, Default)]
pub(crate) struct Postings {
    active: Active,
    sealed: std::collections::VecDeque<Sealed>,
    /// Sealed segments dropped so far in this process (not saved): the
    /// sealed segment at `k` is the `dropped + k`-th one, which is what a
    /// [`Postings::mark`] counts in.
    dropped: u64,
}

impl Postings {
    /// Posts `item` under `key` in the active segment.
    pub(crate) fn insert(&mut self, key: u32, item: u32) {
        let link = self.active.links.len() as u32;
        match self.active.heads.get_mut(&key) {
            Some((head, len)) => {
                self.active.links.push((item, *head));
                *head = link;
                *len += 1;
            }
            None => {
                self.active.links.push((item, NIL));
                self.active.heads.insert(key, (link, 1));
            }
        }
    }

    /// Items posted under `key` in every live segment, appended to `out`;
    /// a segment holding more than `max` items under the key adds none
    /// (the key is too common there to propose candidates).
    #[cfg(test)]
    pub(crate) fn lookup(&self, key: u32, max: usize, out: &mut Vec<u32>) {
        self.lookup_in(key, max, Segments::Since(0), out);
    }

    /// Where the segments sealed from now on begin, for
    /// [`Segments::Since`]: the segments sealed before it can be looked up
    /// ([`Segments::Sealed`]) beside inserts that do not change them
    /// (sealed segments never change; they are only dropped).
    pub(crate) fn mark(&self) -> u64 {
        self.dropped + self.sealed.len() as u64
    }

    /// [`Postings::lookup`] in `segments`. Items come out oldest segment
    /// first.
    pub(crate) fn lookup_in(&self, key: u32, max: usize, segments: Segments, out: &mut Vec<u32>) {
        let skip = match segments {
            Segments::Sealed => 0,
            Segments::Since(mark) => mark.saturating_sub(self.dropped) as usize,
        };
        for s in self.sealed.iter().skip(skip) {
            s.hits(key, max, out);
        }
        if matches!(segments, Segments::Sealed) {
            return;
        }
        if let Some(&(head, len)) = self.active.heads.get(&key) {
            if len as usize <= max {
                let mut at = head;
                while at != NIL {
                    let (item, next) = self.active.links[at as usize];
                    out.push(item);
                    at = next;
                }
            }
        }
    }

    /// The items posted under any of `keys` in `segments`
    /// ([`Postings::lookup_in`]), ascending, each once.
    pub(crate) fn candidates(&self, keys: &[u32], max: usize, segments: Segments) -> Vec<u32> {
        let mut out = Vec::new();
        for &k in keys {
            self.lookup_in(k, max, segments, &mut out);
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Seals the active segment, also an empty one (its owner keeps one
    /// segment per block of items, dropped together with the block).
    pub(crate) fn seal(&mut self) {
        let active = std::mem::take(&mut self.active);
        let mut pairs: Vec<(u32, u32)> = Vec::with_capacity(active.links.len());
        for (key, (head, _)) in active.heads {
            let mut at = head;
            while at != NIL {
                let (item, next) = active.links[at as usize];
                pairs.push((key, item));
                at = next;
            }
        }
        self.sealed.push_back(Sealed::new(pairs));
    }

    /// Drops the oldest sealed segment.
    pub(crate) fn drop_oldest(&mut self) {
        if self.sealed.pop_front().is_some() {
            self.dropped += 1;
        }
    }

    /// Writes the segments exactly (the active one as its lists, so it
    /// seals later as it would have).
    pub(crate) fn save(&self, w: &mut crate::codec::Writer) {
        let mut heads: Vec<(u32, u32, u32)> = self
            .active
            .heads
            .iter()
            .map(|(&k, &(h, n))| (k, h, n))
            .collect();
        heads.sort_unstable();
        w.usize(heads.len());
        for (k, h, n) in heads {
            w.u32(k);
            w.u32(h);
            w.u32(n);
        }
        w.pairs(&self.active.links);
        w.usize(self.sealed.len());
        for s in &self.sealed {
            w.pairs(&s.pairs);
        }
    }

    /// Reads what [`Postings::save`] wrote; `None` when damaged.
    pub(crate) fn load(r: &mut crate::codec::Reader) -> Option<Postings> {
        let n = r.usize()?;
        let mut heads = FxHashMap::default();
        for _ in 0..n {
            let (k, h, len) = (r.u32()?, r.u32()?, r.u32()?);
            heads.insert(k, (h, len));
        }
        let links = r.pairs()?;
        // Every link must point inside the array (or end the list).
        let ok = |at: u32| at == NIL || (at as usize) < links.len();
        if !heads.values().all(|&(h, _)| ok(h)) || !links.iter().all(|&(_, next)| ok(next)) {
            return None;
        }
        let segments = r.usize()?;
        let mut sealed = std::collections::VecDeque::new();
        for _ in 0..segments {
            sealed.push_back(Sealed::new(r.pairs()?));
        }
        Some(Postings {
            active: Active { heads, links },
            sealed,
            dropped: 0,
        })
    }

    /// Bytes held (approximate: capacity of the arrays and map slots).
    pub(crate) fn bytes(&self) -> usize {
        let sealed: usize = self
            .sealed
            .iter()
            .map(|s| s.pairs.capacity() * 8 + s.dir.capacity() * 4)
            .sum();
        sealed + self.active.links.capacity() * 8 + self.active.heads.capacity() * 13
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn look(p: &Postings, key: u32, max: usize) -> Vec<u32> {
        let mut out = Vec::new();
        p.lookup(key, max, &mut out);
        out.sort_unstable();
        out
    }

    #[test]
    fn lookups_span_active_and_sealed_segments_until_dropped() {
        let mut p = Postings::default();
        p.insert(7, 1);
        p.insert(8, 1);
        p.insert(7, 2);
        p.seal();
        p.insert(7, 3);
        assert_eq!(look(&p, 7, 10), [1, 2, 3]);
        assert_eq!(look(&p, 8, 10), [1]);
        assert_eq!(look(&p, 9, 10), Vec::<u32>::new());
        p.drop_oldest();
        assert_eq!(look(&p, 7, 10), [3]);
        assert_eq!(look(&p, 8, 10), Vec::<u32>::new());
    }

    #[test]
    fn a_mark_splits_the_segments_sealed_before_it_from_the_newer_ones() {
        let mut p = Postings::default();
        p.insert(7, 1);
        p.seal();
        p.insert(7, 2);
        p.seal();
        let mark = p.mark();
        p.insert(7, 3);
        assert_eq!(p.candidates(&[7], 10, Segments::Sealed), [1, 2]);
        assert_eq!(p.candidates(&[7], 10, Segments::Since(mark)), [3]);
        // Sealed and dropped after the mark: the segment sealed since is
        // still "since", whatever was dropped before it.
        p.seal();
        p.insert(7, 4);
        p.drop_oldest();
        p.drop_oldest();
        assert_eq!(p.candidates(&[7], 10, Segments::Since(mark)), [3, 4]);
        p.drop_oldest();
        assert_eq!(p.candidates(&[7], 10, Segments::Since(mark)), [4]);
        assert_eq!(look(&p, 7, 10), [4]);
    }

    #[test]
    fn the_directory_finds_every_key_of_a_large_segment() {
        let mut p = Postings::default();
        let key = |i: u32| i.wrapping_mul(0x9E37_79B9);
        for i in 0..5000u32 {
            p.insert(key(i), i);
            p.insert(key(i), i + 1);
        }
        p.insert(0, 7);
        p.insert(u32::MAX, 8);
        p.seal();
        for i in (1..5000u32).step_by(7) {
            assert_eq!(look(&p, key(i), 10), [i, i + 1], "{i}");
        }
        assert_eq!(look(&p, 0, 10), [0, 1, 7]);
        assert_eq!(look(&p, u32::MAX, 10), [8]);
    }

    #[test]
    fn too_common_keys_propose_nothing() {
        let mut p = Postings::default();
        for i in 0..5 {
            p.insert(1, i);
        }
        assert!(look(&p, 1, 4).is_empty());
        assert_eq!(look(&p, 1, 5).len(), 5);
        p.seal();
        assert!(look(&p, 1, 4).is_empty());
    }
}
