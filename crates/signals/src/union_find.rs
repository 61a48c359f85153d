//! [`UnionFind`]: disjoint sets with path halving and union by size; grows
//! as items are added.

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
    pub fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] as usize != i {
            let grand = self.parent[self.parent[i] as usize];
            self.parent[i] = grand;
            i = grand as usize;
        }
        i
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
    /// kept, but not used to choose the root.
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

#[cfg(test)]
mod tests {
    use super::*;

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
