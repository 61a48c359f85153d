//! `SentenceEncoder`: the forward pass of Universal Sentence Encoder
//! multilingual v3 (the n-gram CNN variant), from piece ids to 512-d unit
//! vectors.
//!
//! Per token, the dequantised 512-d embedding is projected to 768 values and
//! layer-normalised; those split into three 256-wide branches, each a
//! two-layer n-gram convolution (orders 2, 3 and 5 with 0, 1 and 2 tokens of
//! left context, zero padding at the sentence bounds, ReLU and a residual).
//! The raw embedding and the three branch outputs (1280 values) are
//! layer-normalised, summed over the sentence, projected to 512, given the
//! bias once per token and divided by √len; a small MLP with skip projections
//! and tanh follows, and the result is L2-normalised.
//!
//! Two things make it fast. Texts are run in flat micro-batches (the tokens of
//! many sentences in one matrix), so every weight matrix is streamed once per
//! batch. And everything up to the first convolution layer depends on the
//! token alone: the projection and its layer norm, and each window slot's
//! share of the first convolution (`x_branch · W1[slot]`). Those "token
//! features" are computed by matrix products over the distinct pieces of a
//! batch that have none yet, and kept in a bounded per-encoder cache filled
//! as pieces are first seen, so on a stream of news text the second
//! convolution is soon the only per-token matrix product.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use crate::matmul::gemm;
use crate::model_store::{TOKENIZER_FILE, WEIGHTS_FILE};
use crate::npz::NpzArchive;
use crate::tokenizer::{PieceTokenizer, TokenizerScratch};
use crate::EmbedError;

/// Size of an embedding.
pub const DIM: usize = 512;
/// Width of one convolution branch.
const CNN: usize = 256;
/// Width of the projected token vector (three branches).
const PROJ: usize = 3 * CNN;
/// Width of the per-token feature row: raw embedding and three branches.
const FEAT: usize = DIM + 3 * CNN;
/// Width of the MLP's hidden layer.
const HIDDEN: usize = 320;
/// Embedding-table chunks (rows are interleaved: id % CHUNKS picks the chunk).
const CHUNKS: usize = 17;
/// Rows per chunk.
const CHUNK_ROWS: usize = 7530;
/// (n-gram order, left context) of the three branches.
const ORDERS: [(usize, usize); 3] = [(2, 0), (3, 1), (5, 2)];
/// Widest reach of a convolution window to either side.
const REACH: usize = 2;
/// Token-feature row: the projected vector, then per branch and window slot
/// the slot's first-convolution product.
const TOKEN_FEAT: usize = PROJ + (2 + 3 + 5) * CNN;
/// Offsets of each branch's slot products in a token-feature row.
const SLOT_OFF: [usize; 3] = [PROJ, PROJ + 2 * CNN, PROJ + 5 * CNN];
/// Tokens per micro-batch: large enough that the matrix products run near
/// full speed (and pack their weights rarely), small enough that the
/// working set stays a few MB.
const TOKEN_BUDGET: usize = 1024;
/// Sentences whose sentence-level layers run together (those matrix
/// products have one row per sentence).
const FINISH_BATCH: usize = 128;
/// Default bound on the pieces whose token features are kept (13 KB each,
/// so at most about 213 MB).
pub const DEFAULT_CACHED_PIECES: usize = 16384;

/// Options for [`SentenceEncoder::load_with`].
#[derive(Debug, Clone)]
pub struct EncoderOptions {
    /// How many pieces may keep their token features once computed (13 KB
    /// each; 0 turns the cache off). The cache fills as pieces are first
    /// seen; more uses more memory and makes encoding faster.
    pub cached_pieces: usize,
}

impl Default for EncoderOptions {
    fn default() -> Self {
        Self {
            cached_pieces: DEFAULT_CACHED_PIECES,
        }
    }
}

/// Universal Sentence Encoder multilingual v3: texts in, 512-d unit vectors
/// out. Immutable after loading, so one encoder can serve many threads.
pub struct SentenceEncoder {
    tokenizer: PieceTokenizer,
    /// Quantised embedding table, one 512-byte row per piece id.
    table: Vec<u8>,
    scale: [f32; CHUNKS],
    lo: [f32; CHUNKS],
    proj_w: Vec<f32>,
    proj_b: Vec<f32>,
    proj_ln_g: Vec<f32>,
    proj_ln_b: Vec<f32>,
    branches: [Branch; 3],
    ln_g: Vec<f32>,
    ln_b: Vec<f32>,
    cnn_w: Vec<f32>,
    cnn_b: Vec<f32>,
    d0: Vec<f32>,
    d1: Vec<f32>,
    d2: Vec<f32>,
    d3: Vec<f32>,
    p1: Vec<f32>,
    p3: Vec<f32>,
    eps: f32,
    /// Token features of each piece id, once computed (`TOKEN_FEAT` values).
    cache: Vec<OnceLock<Box<[f32]>>>,
    /// Bound on the filled entries of `cache`, and how many are filled.
    cache_cap: usize,
    cache_len: AtomicUsize,
    /// Buffers of finished `encode` calls, reused by the next ones.
    scratch_pool: Mutex<Vec<Scratch>>,
    /// The CPU has AVX2 and FMA (the element-wise loops use them).
    avx2: bool,
}

/// Weights of one n-gram branch.
struct Branch {
    order: usize,
    left: usize,
    /// First convolution, rearranged to `CNN × (order·CNN)`: column block `j`
    /// is window slot `j`'s weight, so one product gives every slot's share.
    w1_slots: Vec<f32>,
    b1: Vec<f32>,
    /// Second convolution, rearranged the same way.
    w2_slots: Vec<f32>,
    b2: Vec<f32>,
}

impl std::fmt::Debug for SentenceEncoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SentenceEncoder")
            .field("vocab", &self.tokenizer.vocab_size())
            .field("cached_pieces", &self.cache_len.load(Ordering::Relaxed))
            .finish_non_exhaustive()
    }
}

/// Buffers of an `encode` call, reused across its micro-batches and, through
/// the encoder's pool, by later calls.
#[derive(Default)]
struct Scratch {
    tok: TokenizerScratch,
    one: Vec<u32>,
    /// Piece ids of the batch, all texts concatenated.
    ids: Vec<u32>,
    /// Token count of each text in the batch.
    lens: Vec<usize>,
    /// Token count of each text whose summed features wait in `sums`.
    pending: Vec<usize>,
    segments: Vec<Segment>,
    /// Per token: the first and one-past-last row of its segment.
    bounds: Vec<(u32, u32)>,
    /// Per token: where its token features are (see `feature_row`).
    feat_ref: Vec<u32>,
    fresh_ids: Vec<u32>,
    fresh_slot: HashMap<u32, u32>,
    fresh: Vec<f32>,
    emb: Vec<f32>,
    proj: Vec<f32>,
    /// First-layer output of the current branch, one row per token.
    h: Vec<f32>,
    /// Second-layer products of every window slot, one row per token.
    window: Vec<f32>,
    feats: Vec<f32>,
    sums: Vec<f32>,
    mean: Vec<f32>,
    y0: Vec<f32>,
    y1: Vec<f32>,
    y2: Vec<f32>,
    z: Vec<f32>,
}

/// A run of batch rows that forms one sentence or one chunk of a long one.
#[derive(Clone, Copy)]
struct Segment {
    /// Rows computed (with context margins for a chunk).
    rows: (usize, usize),
    /// Rows whose features count towards the sentence.
    keep: (usize, usize),
    /// Row of `sums` to add them to.
    sentence: usize,
}

impl SentenceEncoder {
    /// Loads the model from a folder holding `weights.npz` and `sp.model`
    /// (as made by [`crate::fetch`]).
    pub fn load(dir: &Path) -> Result<Self, EmbedError> {
        Self::load_with(dir, &EncoderOptions::default())
    }

    /// Loads the model with explicit options.
    pub fn load_with(dir: &Path, options: &EncoderOptions) -> Result<Self, EmbedError> {
        let tokenizer = PieceTokenizer::open(&dir.join(TOKENIZER_FILE))?;
        let weights_path = dir.join(WEIGHTS_FILE);
        let mut npz = NpzArchive::open(&weights_path)?;
        let bad = |reason: String| EmbedError::BadModel {
            path: weights_path.clone(),
            reason,
        };

        let rows = CHUNKS * CHUNK_ROWS;
        if tokenizer.vocab_size() > rows {
            return Err(bad(format!(
                "{} pieces but only {rows} embedding rows",
                tokenizer.vocab_size()
            )));
        }
        let mut table = vec![0u8; rows * DIM];
        for chunk in 0..CHUNKS {
            let q = npz.read_shaped::<u8>(&format!("q{}", chunk + 1), &[CHUNK_ROWS, DIM])?;
            for (r, src) in q.chunks_exact(DIM).enumerate() {
                let id = r * CHUNKS + chunk;
                table[id * DIM..(id + 1) * DIM].copy_from_slice(src);
            }
        }
        let to_array = |v: Vec<f32>| -> [f32; CHUNKS] { v.try_into().expect("shape checked") };
        let scale = to_array(npz.read_shaped::<f32>("scale", &[CHUNKS])?);
        let lo = to_array(npz.read_shaped::<f32>("lo", &[CHUNKS])?);
        let eps = npz.read_shaped::<f64>("eps", &[])?[0] as f32;

        let mut proj_w = vec![0f32; DIM * PROJ];
        let mut proj_b = Vec::with_capacity(PROJ);
        let mut proj_ln_g = Vec::with_capacity(PROJ);
        let mut proj_ln_b = Vec::with_capacity(PROJ);
        let mut branches = Vec::with_capacity(3);
        for (i, &(order, left)) in ORDERS.iter().enumerate() {
            let w = npz.read_shaped::<f32>(&format!("proj{order}"), &[DIM, CNN])?;
            for (r, src) in w.chunks_exact(CNN).enumerate() {
                proj_w[r * PROJ + i * CNN..r * PROJ + (i + 1) * CNN].copy_from_slice(src);
            }
            proj_b.extend(npz.read_shaped::<f32>(&format!("proj_b{order}"), &[CNN])?);
            proj_ln_g.extend(npz.read_shaped::<f32>(&format!("ln_g{order}"), &[CNN])?);
            proj_ln_b.extend(npz.read_shaped::<f32>(&format!("ln_b{order}"), &[CNN])?);
            let w1 = npz.read_shaped::<f32>(&format!("w1_{order}"), &[order * CNN, CNN])?;
            let w2 = npz.read_shaped::<f32>(&format!("w2_{order}"), &[order * CNN, CNN])?;
            branches.push(Branch {
                order,
                left,
                w1_slots: by_slot(&w1, order),
                b1: npz.read_shaped::<f32>(&format!("b1_{order}"), &[CNN])?,
                w2_slots: by_slot(&w2, order),
                b2: npz.read_shaped::<f32>(&format!("b2_{order}"), &[CNN])?,
            });
        }
        let branches: [Branch; 3] = branches.try_into().ok().expect("three branches");

        let encoder = Self {
            table,
            scale,
            lo,
            proj_w,
            proj_b,
            proj_ln_g,
            proj_ln_b,
            branches,
            ln_g: npz.read_shaped::<f32>("ln_g", &[FEAT])?,
            ln_b: npz.read_shaped::<f32>("ln_b", &[FEAT])?,
            cnn_w: npz.read_shaped::<f32>("cnn_W", &[FEAT, DIM])?,
            cnn_b: npz.read_shaped::<f32>("cnn_b", &[DIM])?,
            d0: npz.read_shaped::<f32>("d0", &[DIM, HIDDEN])?,
            d1: npz.read_shaped::<f32>("d1", &[HIDDEN, HIDDEN])?,
            d2: npz.read_shaped::<f32>("d2", &[HIDDEN, DIM])?,
            d3: npz.read_shaped::<f32>("d3", &[DIM, DIM])?,
            p1: npz.read_shaped::<f32>("p1", &[DIM, HIDDEN])?,
            p3: npz.read_shaped::<f32>("p3", &[HIDDEN, DIM])?,
            eps,
            cache: (0..tokenizer.vocab_size())
                .map(|_| OnceLock::new())
                .collect(),
            cache_cap: options.cached_pieces,
            cache_len: AtomicUsize::new(0),
            scratch_pool: Mutex::new(Vec::new()),
            avx2: has_avx2_fma(),
            tokenizer,
        };
        if !eps.is_finite() || eps < 0.0 {
            return Err(bad(format!("eps is {eps}")));
        }
        Ok(encoder)
    }

    /// Size of an embedding (512).
    pub fn dim(&self) -> usize {
        DIM
    }

    /// The tokenizer.
    pub fn tokenizer(&self) -> &PieceTokenizer {
        &self.tokenizer
    }

    /// Embeds one text.
    pub fn embed(&self, text: &str) -> [f32; DIM] {
        self.encode(&[text])[0]
    }

    /// Embeds each text on its own (no context crosses texts): unit vectors
    /// in input order. Runs on the calling thread.
    pub fn encode<S: AsRef<str>>(&self, texts: &[S]) -> Vec<[f32; DIM]> {
        let mut out = vec![[0f32; DIM]; texts.len()];
        self.encode_into(texts, &mut out);
        out
    }

    /// Like [`encode`](Self::encode), writing into `out` (one row per text).
    ///
    /// # Panics
    /// When `out` and `texts` differ in length.
    pub fn encode_into<S: AsRef<str>>(&self, texts: &[S], out: &mut [[f32; DIM]]) {
        assert_eq!(texts.len(), out.len(), "one output row per text");
        let mut s = self.take_scratch();
        s.pending.clear();
        s.sums.clear();
        // texts before `done` have their vectors in `out`
        let mut done = 0;
        for text in texts {
            let mut one = std::mem::take(&mut s.one);
            one.clear();
            self.tokenizer
                .encode_into(text.as_ref(), &mut s.tok, &mut one);
            if !s.lens.is_empty() && s.ids.len() + one.len() > TOKEN_BUDGET {
                self.run_batch(&mut s);
            }
            if one.len() > TOKEN_BUDGET {
                self.run_long(&one, &mut s);
            } else {
                s.ids.extend_from_slice(&one);
                s.lens.push(one.len());
            }
            s.one = one;
            if s.pending.len() >= FINISH_BATCH {
                let n = s.pending.len();
                self.finish(&mut s, &mut out[done..done + n]);
                done += n;
            }
        }
        if !s.lens.is_empty() {
            self.run_batch(&mut s);
        }
        if !s.pending.is_empty() {
            self.finish(&mut s, &mut out[done..]);
        }
        self.return_scratch(s);
    }

    fn take_scratch(&self) -> Scratch {
        let pooled = self
            .scratch_pool
            .lock()
            .ok()
            .and_then(|mut pool| pool.pop());
        pooled.unwrap_or_default()
    }

    fn return_scratch(&self, s: Scratch) {
        if let Ok(mut pool) = self.scratch_pool.lock() {
            // one set of buffers per thread that encodes at the same time
            if pool.len() < 64 {
                pool.push(s);
            }
        }
    }

    /// Encodes the texts gathered in `s.ids` / `s.lens`, then empties them.
    fn run_batch(&self, s: &mut Scratch) {
        let first = s.pending.len();
        let mut segments = std::mem::take(&mut s.segments);
        segments.clear();
        let mut row = 0;
        for (i, &len) in s.lens.iter().enumerate() {
            segments.push(Segment {
                rows: (row, row + len),
                keep: (row, row + len),
                sentence: first + i,
            });
            row += len;
        }
        let ids = std::mem::take(&mut s.ids);
        s.pending.append(&mut s.lens);
        s.sums.resize(s.pending.len() * FEAT, 0.0);
        self.run_rows(&ids, &segments, s);
        s.ids = ids;
        s.ids.clear();
        s.segments = segments;
    }

    /// Runs the token layers of one text longer than a micro-batch, in
    /// chunks that carry enough context on both sides for the two
    /// convolution layers, and queues it for `finish`.
    fn run_long(&self, ids: &[u32], s: &mut Scratch) {
        let margin = 2 * REACH;
        let sentence = s.pending.len();
        s.pending.push(ids.len());
        s.sums.resize(s.pending.len() * FEAT, 0.0);
        let mut start = 0;
        while start < ids.len() {
            let end = (start + TOKEN_BUDGET).min(ids.len());
            let lo = start.saturating_sub(margin);
            let hi = (end + margin).min(ids.len());
            let segment = Segment {
                rows: (0, hi - lo),
                keep: (start - lo, end - lo),
                sentence,
            };
            self.run_rows(&ids[lo..hi], &[segment], s);
            start = end;
        }
    }

    /// Dequantised embedding row of piece `id` into `out`.
    #[inline(always)]
    fn embedding(&self, id: u32, out: &mut [f32]) {
        let id = id as usize;
        let chunk = id % CHUNKS;
        let (scale, lo) = (self.scale[chunk], self.lo[chunk]);
        for (o, &q) in out.iter_mut().zip(&self.table[id * DIM..(id + 1) * DIM]) {
            *o = f32::from(q) * scale + lo;
        }
    }

    /// Token features of `ids` into `out` (`TOKEN_FEAT` values per id).
    #[inline(always)]
    fn token_features(
        &self,
        ids: &[u32],
        emb: &mut Vec<f32>,
        proj: &mut Vec<f32>,
        out: &mut [f32],
    ) {
        let m = ids.len();
        if m == 0 {
            return;
        }
        emb.resize(m * DIM, 0.0);
        proj.resize(m * PROJ, 0.0);
        for (&id, row) in ids.iter().zip(emb.chunks_exact_mut(DIM)) {
            self.embedding(id, row);
        }
        gemm(m, DIM, PROJ, emb, DIM, &self.proj_w, PROJ, 0.0, proj, PROJ);
        for row in proj.chunks_exact_mut(PROJ) {
            add(row, &self.proj_b);
            layer_norm(row, &self.proj_ln_g, &self.proj_ln_b, self.eps);
        }
        for (i, branch) in self.branches.iter().enumerate() {
            let n = branch.order * CNN;
            gemm(
                m,
                CNN,
                n,
                &proj[i * CNN..],
                PROJ,
                &branch.w1_slots,
                n,
                0.0,
                &mut out[SLOT_OFF[i]..],
                TOKEN_FEAT,
            );
        }
        for (src, dst) in proj
            .chunks_exact(PROJ)
            .zip(out.chunks_exact_mut(TOKEN_FEAT))
        {
            dst[..PROJ].copy_from_slice(src);
        }
    }

    /// Token features by reference code: a cached piece id, or a row of
    /// the batch's fresh features (with `FRESH_FLAG`).
    #[inline(always)]
    fn feature_row<'a>(&'a self, s_fresh: &'a [f32], code: u32) -> &'a [f32] {
        let code = code as usize;
        if code & FRESH_FLAG == 0 {
            self.cache[code].get().expect("cached when referenced")
        } else {
            let r = code & !FRESH_FLAG;
            &s_fresh[r * TOKEN_FEAT..(r + 1) * TOKEN_FEAT]
        }
    }

    /// Runs the token-level layers over `ids` and adds each segment's kept,
    /// layer-normalised feature rows into `s.sums`.
    fn run_rows(&self, ids: &[u32], segments: &[Segment], s: &mut Scratch) {
        #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
        if self.avx2 {
            // SAFETY: `avx2` is set only when the CPU has AVX2 and FMA.
            unsafe { self.run_rows_avx2(ids, segments, s) };
            return;
        }
        self.run_rows_generic(ids, segments, s);
    }

    /// `run_rows` compiled with AVX2 and FMA for its element-wise loops.
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn run_rows_avx2(&self, ids: &[u32], segments: &[Segment], s: &mut Scratch) {
        self.run_rows_generic(ids, segments, s);
    }

    #[inline(always)]
    fn run_rows_generic(&self, ids: &[u32], segments: &[Segment], s: &mut Scratch) {
        let n_tok = ids.len();

        // Where each token's features are: the cache, or computed now once
        // per distinct uncached piece of the batch.
        s.feat_ref.clear();
        s.fresh_ids.clear();
        s.fresh_slot.clear();
        for &id in ids {
            let code = if self.cache[id as usize].get().is_some() {
                id
            } else {
                let next = s.fresh_ids.len() as u32;
                let slot = *s.fresh_slot.entry(id).or_insert(next);
                if slot == next {
                    s.fresh_ids.push(id);
                }
                slot | FRESH_FLAG as u32
            };
            s.feat_ref.push(code);
        }
        s.fresh.resize(s.fresh_ids.len() * TOKEN_FEAT, 0.0);
        self.token_features(&s.fresh_ids, &mut s.emb, &mut s.proj, &mut s.fresh);
        if self.cache_cap > 0 {
            for (&id, row) in s.fresh_ids.iter().zip(s.fresh.chunks_exact(TOKEN_FEAT)) {
                if self.cache_len.load(Ordering::Relaxed) >= self.cache_cap {
                    break;
                }
                if self.cache[id as usize].set(row.into()).is_ok() {
                    self.cache_len.fetch_add(1, Ordering::Relaxed);
                }
            }
        }

        s.bounds.clear();
        for seg in segments {
            let b = (seg.rows.0 as u32, seg.rows.1 as u32);
            s.bounds
                .extend(std::iter::repeat_n(b, seg.rows.1 - seg.rows.0));
        }

        // every column is written below: no need to zero
        s.feats.resize(n_tok * FEAT, 0.0);
        for (t, &id) in ids.iter().enumerate() {
            self.embedding(id, &mut s.feats[t * FEAT..t * FEAT + DIM]);
        }
        s.h.resize(n_tok * CNN, 0.0);
        for (i, branch) in self.branches.iter().enumerate() {
            let (order, left) = (branch.order, branch.left);
            // First layer: the sum of the window's slot products, bias, ReLU,
            // and the residual (the token's own projected branch).
            for t in 0..n_tok {
                let (lo, hi) = s.bounds[t];
                let h = &mut s.h[t * CNN..(t + 1) * CNN];
                h.copy_from_slice(&branch.b1);
                for slot in 0..order {
                    let Some(src) = (t + slot).checked_sub(left) else {
                        continue;
                    };
                    if src < lo as usize || src >= hi as usize {
                        continue;
                    }
                    let f = self.feature_row(&s.fresh, s.feat_ref[src]);
                    let off = SLOT_OFF[i] + slot * CNN;
                    add(h, &f[off..off + CNN]);
                }
                let own = self.feature_row(&s.fresh, s.feat_ref[t]);
                relu_add(h, &own[i * CNN..(i + 1) * CNN]);
            }
            // Second layer the same way: every slot's product of h at once,
            // then per token the sum over the window's slots inside its
            // segment, bias, ReLU and the residual h.
            let width = order * CNN;
            s.window.resize(n_tok * width, 0.0);
            gemm(
                n_tok,
                CNN,
                width,
                &s.h,
                CNN,
                &branch.w2_slots,
                width,
                0.0,
                &mut s.window,
                width,
            );
            let off = DIM + i * CNN;
            for t in 0..n_tok {
                let (lo, hi) = s.bounds[t];
                let c = &mut s.feats[t * FEAT + off..t * FEAT + off + CNN];
                c.copy_from_slice(&branch.b2);
                for slot in 0..order {
                    let Some(src) = (t + slot).checked_sub(left) else {
                        continue;
                    };
                    if src < lo as usize || src >= hi as usize {
                        continue;
                    }
                    let at = src * width + slot * CNN;
                    add(c, &s.window[at..at + CNN]);
                }
                relu_add(c, &s.h[t * CNN..(t + 1) * CNN]);
            }
        }

        for seg in segments {
            let sum = &mut s.sums[seg.sentence * FEAT..(seg.sentence + 1) * FEAT];
            for t in seg.keep.0..seg.keep.1 {
                let row = &mut s.feats[t * FEAT..(t + 1) * FEAT];
                layer_norm(row, &self.ln_g, &self.ln_b, self.eps);
                add(sum, row);
            }
        }
    }

    /// From the summed token features in `s.sums` (one row per pending
    /// sentence, of `s.pending` tokens) to unit vectors in `out`; empties
    /// the queue.
    fn finish(&self, s: &mut Scratch, out: &mut [[f32; DIM]]) {
        let n = s.pending.len();
        let lens = std::mem::take(&mut s.pending);
        reset(&mut s.mean, n * DIM);
        gemm(
            n,
            FEAT,
            DIM,
            &s.sums,
            FEAT,
            &self.cnn_w,
            DIM,
            0.0,
            &mut s.mean,
            DIM,
        );
        for (row, &len) in s.mean.chunks_exact_mut(DIM).zip(&lens) {
            let len = len as f32;
            let inv = 1.0 / len.sqrt();
            for (v, &b) in row.iter_mut().zip(&self.cnn_b) {
                *v = (*v + len * b) * inv;
            }
        }
        reset(&mut s.y0, n * HIDDEN);
        gemm(
            n, DIM, HIDDEN, &s.mean, DIM, &self.d0, HIDDEN, 0.0, &mut s.y0, HIDDEN,
        );
        relu(&mut s.y0);
        reset(&mut s.y1, n * HIDDEN);
        gemm(
            n, DIM, HIDDEN, &s.mean, DIM, &self.p1, HIDDEN, 0.0, &mut s.y1, HIDDEN,
        );
        gemm(
            n, HIDDEN, HIDDEN, &s.y0, HIDDEN, &self.d1, HIDDEN, 1.0, &mut s.y1, HIDDEN,
        );
        relu(&mut s.y1);
        reset(&mut s.y2, n * DIM);
        gemm(
            n, HIDDEN, DIM, &s.y1, HIDDEN, &self.d2, DIM, 0.0, &mut s.y2, DIM,
        );
        relu(&mut s.y2);
        reset(&mut s.z, n * DIM);
        gemm(
            n, HIDDEN, DIM, &s.y1, HIDDEN, &self.p3, DIM, 0.0, &mut s.z, DIM,
        );
        gemm(n, DIM, DIM, &s.y2, DIM, &self.d3, DIM, 1.0, &mut s.z, DIM);
        for (row, dst) in s.z.chunks_exact_mut(DIM).zip(out.iter_mut()) {
            for v in row.iter_mut() {
                *v = v.tanh();
            }
            let norm2: f32 = row.iter().map(|v| v * v).sum();
            let inv = 1.0 / norm2.max(self.eps).sqrt();
            for (d, v) in dst.iter_mut().zip(row.iter()) {
                *d = v * inv;
            }
        }
        s.pending = lens;
        s.pending.clear();
        s.sums.clear();
    }
}

/// A window convolution's weight, `(order·CNN) × CNN` with slot `j` in row
/// block `j`, rearranged to `CNN × (order·CNN)` with slot `j` in column block
/// `j`: one product with it gives every slot's share of the output.
fn by_slot(w: &[f32], order: usize) -> Vec<f32> {
    let mut out = vec![0f32; CNN * order * CNN];
    for slot in 0..order {
        for r in 0..CNN {
            let src = &w[(slot * CNN + r) * CNN..(slot * CNN + r + 1) * CNN];
            let at = r * order * CNN + slot * CNN;
            out[at..at + CNN].copy_from_slice(src);
        }
    }
    out
}

/// Flag in a token's feature reference: set for the batch's fresh rows.
const FRESH_FLAG: usize = 1 << 31;

fn has_avx2_fma() -> bool {
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    {
        is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma")
    }
    #[cfg(not(any(target_arch = "x86", target_arch = "x86_64")))]
    {
        false
    }
}

/// Zero-filled buffer of `len` values, reusing its allocation.
fn reset(buf: &mut Vec<f32>, len: usize) {
    buf.clear();
    buf.resize(len, 0.0);
}

#[inline(always)]
fn add(dst: &mut [f32], src: &[f32]) {
    for (d, s) in dst.iter_mut().zip(src) {
        *d += s;
    }
}

/// `dst = max(dst, 0) + residual`.
#[inline(always)]
fn relu_add(dst: &mut [f32], residual: &[f32]) {
    for (d, r) in dst.iter_mut().zip(residual) {
        *d = d.max(0.0) + r;
    }
}

#[inline(always)]
fn relu(x: &mut [f32]) {
    for v in x {
        *v = v.max(0.0);
    }
}

/// Layer normalisation of one row, in place.
#[inline(always)]
fn layer_norm(x: &mut [f32], gamma: &[f32], beta: &[f32], eps: f32) {
    let n = x.len() as f32;
    let mean = sum8(x) / n;
    let mut acc = [0f32; 8];
    for c in x.chunks_exact_mut(8) {
        for (a, v) in acc.iter_mut().zip(c.iter_mut()) {
            *v -= mean;
            *a += *v * *v;
        }
    }
    let rem = x.len() / 8 * 8;
    let mut var: f32 = acc.iter().sum();
    for v in &mut x[rem..] {
        *v -= mean;
        var += *v * *v;
    }
    let inv = 1.0 / (var / n + eps).sqrt();
    for ((v, g), b) in x.iter_mut().zip(gamma).zip(beta) {
        *v = *v * inv * g + b;
    }
}

/// Sum with eight independent accumulators (vectorises, and is closer to a
/// pairwise sum than a running total).
#[inline(always)]
fn sum8(x: &[f32]) -> f32 {
    let mut acc = [0f32; 8];
    let chunks = x.chunks_exact(8);
    let tail: f32 = chunks.remainder().iter().sum();
    for c in chunks {
        for (a, v) in acc.iter_mut().zip(c) {
            *a += v;
        }
    }
    acc.iter().sum::<f32>() + tail
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layer_norm_centres_and_scales() {
        let mut x: Vec<f32> = (0..20).map(|i| i as f32).collect();
        let g = vec![1.0; 20];
        let b = vec![0.5; 20];
        layer_norm(&mut x, &g, &b, 1e-12);
        let mean: f32 = x.iter().sum::<f32>() / 20.0;
        let var: f32 = x.iter().map(|v| (v - 0.5) * (v - 0.5)).sum::<f32>() / 20.0;
        assert!((mean - 0.5).abs() < 1e-5);
        assert!((var - 1.0).abs() < 1e-4);
    }

    #[test]
    fn sum8_matches_a_plain_sum() {
        let x: Vec<f32> = (0..37).map(|i| i as f32 * 0.25).collect();
        assert_eq!(sum8(&x), x.iter().sum::<f32>());
    }

    #[test]
    fn loading_a_missing_or_broken_model_is_an_error_naming_the_file() {
        let tmp = tempfile::tempdir().unwrap();
        let err = SentenceEncoder::load(tmp.path()).unwrap_err();
        assert!(matches!(err, EmbedError::Io { .. }), "{err}");
        assert!(err.to_string().contains(TOKENIZER_FILE), "{err}");

        std::fs::write(tmp.path().join(TOKENIZER_FILE), b"not a model").unwrap();
        let err = SentenceEncoder::load(tmp.path()).unwrap_err();
        assert!(matches!(err, EmbedError::BadModel { .. }), "{err}");
        assert!(err.to_string().contains(TOKENIZER_FILE), "{err}");

        // a valid three-piece tokenizer, then weights that are not a zip
        let mut model = Vec::new();
        for piece in ["<unk>", "<s>", "</s>"] {
            model.extend_from_slice(&[0x0a, piece.len() as u8 + 2, 0x0a, piece.len() as u8]);
            model.extend_from_slice(piece.as_bytes());
        }
        std::fs::write(tmp.path().join(TOKENIZER_FILE), model).unwrap();
        std::fs::write(tmp.path().join(WEIGHTS_FILE), b"PK garbage").unwrap();
        let err = SentenceEncoder::load(tmp.path()).unwrap_err();
        assert!(matches!(err, EmbedError::BadModel { .. }), "{err}");
        assert!(err.to_string().contains(WEIGHTS_FILE), "{err}");
    }

    #[test]
    fn the_encoder_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<SentenceEncoder>();
    }
}
