//! [`sparse_dot`]: the dot product of two sparse vectors, used by the
//! narrative classifiers (weights × features) and the story clusters
//! (TF-IDF cosines).

use std::ops::{AddAssign, Mul};

/// Dot product of two sparse vectors given as `(index, value)` pairs sorted
/// by index: the products of the values at common indices, summed in index
/// order.
pub fn sparse_dot<T>(a: &[(u32, T)], b: &[(u32, T)]) -> T
where
    T: Copy + Default + Mul<Output = T> + AddAssign,
{
    let (mut i, mut j, mut s) = (0, 0, T::default());
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparse_dot_sums_products_at_common_indices_only() {
        assert_eq!(
            sparse_dot(&[(0, 2.0f32), (3, 1.0)], &[(3, 4.0), (5, 1.0)]),
            4.0
        );
        assert_eq!(
            sparse_dot(&[(1, 2.0f64), (2, 3.0)], &[(1, 5.0), (2, 7.0)]),
            31.0
        );
        assert_eq!(sparse_dot::<f64>(&[], &[(1, 5.0)]), 0.0);
    }
}
