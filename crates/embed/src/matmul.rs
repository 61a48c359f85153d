//! Row-major single-precision matrix products on top of `matrixmultiply`
//! (which picks AVX/FMA kernels at run time and runs on the calling thread).

/// `c = a · b + beta · c` for row-major matrices with leading dimensions
/// (row strides) `lda`, `ldb`, `ldc`: `a` is `m × k`, `b` is `k × n`, `c` is
/// `m × n`.
///
/// # Panics
/// When a slice is too short for its shape and stride.
#[allow(clippy::too_many_arguments)]
pub fn gemm(
    m: usize,
    k: usize,
    n: usize,
    a: &[f32],
    lda: usize,
    b: &[f32],
    ldb: usize,
    beta: f32,
    c: &mut [f32],
    ldc: usize,
) {
    if m == 0 || n == 0 {
        return;
    }
    let need = |rows: usize, cols: usize, ld: usize| (rows - 1) * ld + cols;
    assert!(k == 0 || a.len() >= need(m, k, lda), "gemm: a too short");
    assert!(k == 0 || b.len() >= need(k, n, ldb), "gemm: b too short");
    assert!(c.len() >= need(m, n, ldc), "gemm: c too short");
    assert!(lda >= k && ldb >= n && ldc >= n, "gemm: stride below width");
    // SAFETY: the asserts above keep every index the kernel touches,
    // (i, p) < (m, k) in a, (p, j) < (k, n) in b and (i, j) < (m, n) in c,
    // inside its slice; `c` is borrowed mutably, so it aliases neither input.
    unsafe {
        matrixmultiply::sgemm(
            m,
            k,
            n,
            1.0,
            a.as_ptr(),
            lda as isize,
            1,
            b.as_ptr(),
            ldb as isize,
            1,
            beta,
            c.as_mut_ptr(),
            ldc as isize,
            1,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_a_naive_product_with_strides() {
        let (m, k, n) = (5, 7, 3);
        let a: Vec<f32> = (0..m * 9).map(|i| (i % 11) as f32 - 4.0).collect();
        let b: Vec<f32> = (0..k * 4).map(|i| (i % 5) as f32 * 0.5).collect();
        let mut c = vec![1.0f32; m * 6];
        gemm(m, k, n, &a, 9, &b, 4, 1.0, &mut c, 6);
        for i in 0..m {
            for j in 0..n {
                let want: f32 = 1.0 + (0..k).map(|p| a[i * 9 + p] * b[p * 4 + j]).sum::<f32>();
                assert!((c[i * 6 + j] - want).abs() < 1e-4);
            }
            assert_eq!(c[i * 6 + 5], 1.0);
        }
    }
}
