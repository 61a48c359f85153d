//! The generated vocabulary shared by the corpus generators
//! (`crates/signals/examples/scale.rs` and
//! `crates/server/examples/gen_bench_db.rs`, which includes this file by
//! path): word `i` is the syllables of `i + 1` in base 16, so the two
//! generators' words are the same.

/// Generated word number `i`.
pub fn word(i: usize) -> String {
    const SYL: [&str; 16] = [
        "ka", "lo", "mi", "ru", "te", "sa", "no", "vi", "de", "po", "li", "ma", "zu", "ar", "en",
        "os",
    ];
    let mut w = String::new();
    let mut x = i + 1;
    while x > 0 {
        w.push_str(SYL[x % 16]);
        x /= 16;
    }
    w
}
