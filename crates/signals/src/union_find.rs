//! [`UnionFind`]: disjoint sets with path halving and union by size; grows
//! as items are added.

/// The root of `i` in a parent array, halving the path on the way (each
/// item visited is pointed at its grandparent): the `find` of both
/// [`UnionFind`] and [`FirstSets`].
fn find_halving(parent: &mut [u32], mut i: usize) -> usize {
    while parent[i] as usize != i {
        let grand = parent[parent[i] as usize];
        parent[i] = grand;
        i = grand as usize;
    }
    i
}

/// Disjoint sets over `0..len`.
#[derive(Debug, Clone, Default)]
pub struct UnionFind {
    parent: Vec<u32>,
    size: Vec<u32>,
}

impl UnionFind {
    /// Adds a singleton set and returns its item.
    pub fn push(&mut self) -> usize {
        let i = self.parent.len();
        self.parent.push(i as u32);
        self.size.push(1);
        i
    }

    /// Room for `n` more items, reserved exactly.
    pub fn reserve_exact(&mut self, n: usize) {
        self.parent.reserve_exact(n);
        self.size.reserve_exact(n);
    }

    /// Gives back the arrays' spare capacity.
    pub fn shrink_to_fit(&mut self) {
        self.parent.shrink_to_fit();
        self.size.shrink_to_fit();
    }

    pub fn len(&self) -> usize {
        self.parent.len()
    }

    pub fn is_empty(&self) -> bool {
        self.parent.is_empty()
    }

    /// The representative of `i`'s set.
    pub fn find(&mut self, i: usize) -> usize {
        find_halving(&mut self.parent, i)
    }

    /// Merges the sets of `a` and `b`; returns the new representative.
    pub fn union(&mut self, a: usize, b: usize) -> usize {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return ra;
        }
        let (big, small) = if self.size[ra] >= self.size[rb] {
            (ra, rb)
        } else {
            (rb, ra)
        };
        self.parent[small] = big as u32;
        self.size[big] += self.size[small];
        big
    }

    /// Joins the sets of `a` and `b` under the smaller of their two roots,
    /// so a structure grown only by this call keeps each set's first
    /// (lowest) member as its root; returns that root. Sizes are still
    /// kept, but not used to choose the root. Since the quote clusters
    /// became [`FirstSets`] (890ea25) only the tests use it, as the
    /// reference [`FirstSets`] is checked against.
    #[cfg(test)]
    pub fn union_keep_first(&mut self, a: usize, b: usize) -> usize {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return ra;
        }
        let (root, child) = (ra.min(rb), ra.max(rb));
        self.parent[child] = root as u32;
        self.size[root] += self.size[child];
        root
    }

    pub(crate) fn save(&self, w: &mut crate::codec::Writer) {
        w.u32s(&self.parent);
        w.u32s(&self.size);
    }

    /// Reads what `save` wrote; `None` when damaged (parents out of range).
    pub(crate) fn load(r: &mut crate::codec::Reader) -> Option<UnionFind> {
        let parent = r.u32s()?;
        let size = r.u32s()?;
        if size.len() != parent.len() || parent.iter().any(|&p| p as usize >= parent.len()) {
            return None;
        }
        // Union by size keeps every path under 32 steps; a longer one (or
        // a cycle) means a damaged file, which `find` must never walk.
        for i in 0..parent.len() {
            let mut at = i;
            let mut steps = 0;
            while parent[at] as usize != at {
                at = parent[at] as usize;
                steps += 1;
                if steps > 64 {
                    return None;
                }
            }
        }
        Some(UnionFind { parent, size })
    }

    /// Bytes held.
    pub fn bytes(&self) -> usize {
        (self.parent.capacity() + self.size.capacity()) * 4
    }

    /// The size of `i`'s set.
    pub fn set_size(&mut self, i: usize) -> usize {
        let r = self.find(i);
        self.size[r] as usize
    }
}

/// Disjoint sets over `0..len` joined only under the lower of two roots
/// (each set's first member is its root, as
/// [`UnionFind::union_keep_first`] keeps it), with a bit per item for
/// "in a set of two or more" instead of a size: 4⅛ bytes an item instead
/// of 8 (the quote clusters of the index: 5 million quotes at a million
/// generated articles).
#[derive(Debug, Clone, Default)]
pub(crate) struct FirstSets {
    parent: Vec<u32>,
    /// Per item, whether its set has two or more members.
    joined: Vec<u64>,
}

impl FirstSets {
    /// Adds a singleton set and returns its item.
    pub(crate) fn push(&mut self) -> usize {
        let i = self.parent.len();
        self.parent.push(i as u32);
        if i % 64 == 0 {
            self.joined.push(0);
        }
        i
    }

    /// Room for `n` more items, reserved exactly.
    pub(crate) fn reserve_exact(&mut self, n: usize) {
        self.parent.reserve_exact(n);
        let words = (self.parent.len() + n).div_ceil(64);
        self.joined
            .reserve_exact(words.saturating_sub(self.joined.len()));
    }

    /// Gives back the arrays' spare capacity.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.parent.shrink_to_fit();
        self.joined.shrink_to_fit();
    }

    pub(crate) fn len(&self) -> usize {
        self.parent.len()
    }

    /// The representative (first member) of `i`'s set.
    pub(crate) fn find(&mut self, i: usize) -> usize {
        find_halving(&mut self.parent, i)
    }

    /// Joins the sets of `a` and `b` under the lower of their two roots;
    /// returns that root.
    pub(crate) fn union_keep_first(&mut self, a: usize, b: usize) -> usize {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return ra;
        }
        let (root, child) = (ra.min(rb), ra.max(rb));
        self.parent[child] = root as u32;
        // Every member of a set of two or more was the root of its set
        // when that set was first joined: the two roots are marked.
        for x in [root, child] {
            self.joined[x / 64] |= 1 << (x % 64);
        }
        root
    }

    /// Whether `i`'s set has two or more members.
    pub(crate) fn is_joined(&self, i: usize) -> bool {
        self.joined[i / 64] & (1 << (i % 64)) != 0
    }

    pub(crate) fn save(&self, w: &mut crate::codec::Writer) {
        w.u32s(&self.parent);
        w.u64s(&self.joined);
    }

    /// Reads what `save` wrote; `None` when damaged (a parent above its
    /// item — roots are first members, so parents only point down, and
    /// `find` can never loop — or bits of the wrong length).
    pub(crate) fn load(r: &mut crate::codec::Reader) -> Option<FirstSets> {
        let parent = r.u32s()?;
        let joined = r.u64s()?;
        if joined.len() != parent.len().div_ceil(64)
            || parent.iter().enumerate().any(|(i, &p)| p as usize > i)
        {
            return None;
        }
        Some(FirstSets { parent, joined })
    }

    /// Bytes held.
    pub(crate) fn bytes(&self) -> usize {
        self.parent.capacity() * 4 + self.joined.capacity() * 8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_sets_are_the_union_find_joined_keeping_the_first() {
        // The same joins in a UnionFind and in FirstSets: same roots, and
        // "two or more" where the size says so; after a save and load too.
        let n = 300;
        let mut u = UnionFind::default();
        let mut f = FirstSets::default();
        f.reserve_exact(10);
        for _ in 0..n {
            u.push();
            f.push();
        }
        let mut x: u64 = 12345;
        for _ in 0..200 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let (a, b) = ((x >> 33) as usize % n, (x >> 13) as usize % n);
            assert_eq!(u.union_keep_first(a, b), f.union_keep_first(a, b));
        }
        let mut w = crate::codec::Writer::default();
        f.save(&mut w);
        let mut g = FirstSets::load(&mut crate::codec::Reader::new(&w.buf)).unwrap();
        let mut alone = 0;
        for i in 0..n {
            assert_eq!(u.find(i), f.find(i), "{i}");
            assert_eq!(u.set_size(i) > 1, f.is_joined(i), "{i}");
            assert_eq!(f.find(i), g.find(i), "{i}");
            assert_eq!(f.is_joined(i), g.is_joined(i), "{i}");
            alone += usize::from(!f.is_joined(i));
        }
        assert!(alone > 0 && alone < n, "{alone}");
        // A parent above its item (a loop in a damaged file) is refused.
        let mut bad = crate::codec::Writer::default();
        bad.u32s(&[0, 2, 2]);
        bad.u64s(&[0]);
        assert!(FirstSets::load(&mut crate::codec::Reader::new(&bad.buf)).is_none());
    }

    #[test]
    fn unions_are_transitive() {
        let mut u = UnionFind::default();
        for _ in 0..5 {
            u.push();
        }
        u.union(0, 1);
        u.union(3, 4);
        u.union(1, 4);
        assert_eq!(u.find(0), u.find(3));
        assert_ne!(u.find(0), u.find(2));
        assert_eq!(u.set_size(4), 4);
    }
}
