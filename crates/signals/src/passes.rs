//! Talking points and stories computed in passes over a corpus read a page
//! of articles at a time, so no pass holds every text at once (see
//! `docs/signals.md`, "Bounded passes"). The passes read through
//! [`Pages`]; the store's pages (`derived.rs`) are read a page or two
//! ahead on a thread of their own, each page on a new read-only
//! connection dropped before the next is opened (`read_ahead`, session
//! 12), so no SQLite page cache is held between pages.
//!
//! 1. **First pass** ([`FirstPass`]): each article's distinct phrase
//!    `n`-gram hashes are collected — in memory up to a budget
//!    ([`SPILL_AT`] in the store path), beyond that appended to 64
//!    temporary files split by the hash's top bits — and sorted per file
//!    to find the `n`-grams in two or more articles (an `n`-gram in one
//!    article only can never be a phrase), which go into a filter
//!    (`BlockedBloom`, 2 bytes an `n`-gram). The store path writes the hashes
//!    out ([`FirstPass::park`]) and sorts them only after the index's
//!    candidate segments are dropped.
//! 2. The articles go into the [`SignalIndex`] and the [`StoryIndex`]
//!    (replay order, a page at a time; see [`feed`]): the stories are
//!    made there, one article at a time (since session 14; before, from
//!    every article's vector after the passes).
//! 3. **Counting pass**: for the repeated `n`-grams only (those the filter
//!    holds; a false positive adds records of an `n`-gram of one article,
//!    which never passes), one record per article and source (hash,
//!    source, article, outlet; 24 bytes), split and spilled like the
//!    first pass's (at a quarter of the budget), then sorted two parts at
//!    a time (in parallel) to decide the passing ones (two sources, two
//!    outlets, at most the article limit); the speaker of each quote in a cluster as a
//!    64-bit key (no table of names) and the texts of the statements'
//!    first quotes (on a [`TextShelf`]: a temporary file when spilling).
//!    The statements are scored from these and kept as drafts (`Draft`)
//!    while they can still be among the points kept.
//! 4. **Phrase pass**: runs of passing `n`-grams in each text are merged
//!    (union–find) and kept with their span's text (on a shelf too); the
//!    phrases are drafts like the statements ([`compute_drafts`] ends
//!    here).
//! 5. [`make_points`]: the kept drafts are made into points, and the
//!    speakers' names of their speakers are looked up by key in one read
//!    of the corpus' speaker names (no read when no kept point has a
//!    speaker). The store path makes its quote clusters and frees the
//!    index between [`compute_drafts`] and [`make_points`].
//!
//! The result equals computing everything in memory at once (the rules of
//! `talking.rs` and `stories.rs`); the tests of both modules run through
//! these passes.

use crate::blocked_bloom::{mix64, BlockedBloom};
use crate::dates::date_key;
use crate::signal_index::{ArticleRef, QuoteRef, SignalConfig, SignalIndex};
use crate::stories::{term_counts, term_list, TermList};
use crate::story_index::StoryIndex;
use crate::talking::{
    date_keys, distinct, narration, replay_order, speaker_key, ArticleInput, Ctx, Metas, Names,
    Occurrence, QuoteInput, Ranked, TalkingConfig, TalkingPoint,
};
use crate::union_find::UnionFind;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};
use std::hash::{Hash, Hasher};
use std::io::{BufWriter, Write};
use std::path::PathBuf;

/// Bytes of records a pass holds in memory before they go to temporary
/// files (64 MB).
#[cfg_attr(not(feature = "store"), allow(dead_code))]
pub(crate) const SPILL_AT: usize = 1 << 26;
/// With `NEWSLENS_SIGNALS_TIMES` set, prints how long a sub-step of the
/// passes took (on stderr, like the store path's steps).
fn step(what: &str, since: std::time::Instant) {
    if std::env::var_os("NEWSLENS_SIGNALS_TIMES").is_some() {
        eprintln!(
            "signals:   {what}: {:.1} s{}",
            since.elapsed().as_secs_f64(),
            memory_note()
        );
    }
}

/// With `NEWSLENS_SIGNALS_TIMES` set, prints `what` (sizes of a pass's
/// tables) on stderr.
fn note(what: &str) {
    if std::env::var_os("NEWSLENS_SIGNALS_TIMES").is_some() {
        eprintln!("signals:   {what}");
    }
}

/// `, resident R MB, peak P MB` of this process (Linux; empty elsewhere),
/// for the step times of `NEWSLENS_SIGNALS_TIMES`.
pub(crate) fn memory_note() -> String {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return String::new();
    };
    let field = |name: &str| -> Option<u64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        line.split_whitespace().nth(1)?.parse().ok()
    };
    // CPU seconds so far, user + system (fields 14 and 15 of
    // /proc/self/stat, in clock ticks: 100 a second on Linux).
    let cpu = std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            let rest = s.rsplit_once(')')?.1;
            let f: Vec<&str> = rest.split_whitespace().collect();
            let ticks = f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
            Some(format!(", cpu {:.1} s", ticks as f64 / 100.0))
        })
        .unwrap_or_default();
    match (field("VmRSS:"), field("VmHWM:")) {
        (Some(rss), Some(peak)) => {
            format!(
                ", resident {} MB, peak {} MB{}{cpu}",
                rss / 1024,
                peak / 1024,
                heap_in_use()
            )
        }
        _ => cpu,
    }
}

/// With `NEWSLENS_SIGNALS_TIMES` set, notes a step's page where the
/// process' peak resident memory (`VmHWM`, Linux) rose by 4 MiB or more
/// since the last note: where in a long step the peak is set (the index
/// step's was not located before session 12).
#[cfg_attr(not(feature = "store"), allow(dead_code))] // the store path (`derived.rs`)
pub(crate) struct PeakNotes {
    on: bool,
    page: usize,
    noted: u64,
}

#[cfg_attr(not(feature = "store"), allow(dead_code))]
impl PeakNotes {
    pub(crate) fn new() -> PeakNotes {
        PeakNotes {
            on: std::env::var_os("NEWSLENS_SIGNALS_TIMES").is_some(),
            page: 0,
            noted: 0,
        }
    }

    /// Counts a page of `step`; prints a note when the peak rose.
    pub(crate) fn page(&mut self, step: &str) {
        self.page += 1;
        if !self.on {
            return;
        }
        let peak = std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| {
                let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
                line.split_whitespace().nth(1)?.parse::<u64>().ok()
            });
        if let Some(peak) = peak.filter(|&p| p >= self.noted + 4096) {
            self.noted = peak;
            eprintln!(
                "signals:   {step}, page {}: peak rose{}",
                self.page,
                memory_note()
            );
        }
    }
}

/// `, heap in use H MB` (glibc's allocator: what is allocated and not
/// freed, touched or not — a large buffer reserved but not yet filled
/// counts whole; resident memory well above it is freed memory the
/// allocator keeps).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn heap_in_use() -> String {
    // SAFETY: mallinfo2 only reads the allocator's counters.
    let info = unsafe { libc::mallinfo2() };
    format!(", heap in use {} MB", (info.uordblks + info.hblkhd) >> 20)
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn heap_in_use() -> String {
    String::new()
}

/// Calls [`release_free_memory`] every 32nd page of a pass (or every
/// `every`th): the allocations of the worker threads leave freed memory
/// in their arenas that later pages do not all reuse (at 300k articles
/// 140–170 MB of the resident memory in the index step and the counting
/// pass).
pub(crate) struct Trimmer {
    pages: usize,
    every: usize,
}

impl Default for Trimmer {
    fn default() -> Self {
        Trimmer::every(32)
    }
}

impl Trimmer {
    /// Trims every `every`th page (the index step: every 8th).
    pub(crate) fn every(every: usize) -> Trimmer {
        Trimmer {
            pages: 0,
            every: every.max(1),
        }
    }

    pub(crate) fn page(&mut self) {
        self.pages += 1;
        if self.pages % self.every == 0 {
            release_free_memory();
        }
    }
}

/// Gives the allocator's free memory back to the system (glibc keeps
/// freed memory of a finished step, in the heap and in the arenas of the
/// worker threads, and counts it as resident; elsewhere nothing).
pub(crate) fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns unused pages of the allocator.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Makes the allocator give each block of a megabyte or more its own
/// mapping, returned to the system as soon as it is freed. glibc starts at
/// 128 KiB but raises that threshold (up to 32 MiB) each time such a block
/// is freed, after which the passes' page buffers, sorted parts and spill
/// buffers land in the heap and arenas, whose freed pages stay resident
/// until the next trim (100k: peak 309 -> 273 MB with the threshold held
/// at 1 MiB). Process-wide; only on Linux with glibc.
#[cfg_attr(not(feature = "store"), allow(dead_code))] // the store path (`derived.rs`)
pub(crate) fn map_large_blocks() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes an allocator setting.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}

/// Parts of the records (by their key's top 6 bits).
const PARTS: usize = 64;

/// One article with its quotes, as a pass reads it: `quotes` in position
/// order, each with `article == pos`.
pub(crate) struct Item {
    /// The article's position in the corpus.
    pub(crate) pos: usize,
    pub(crate) article: ArticleInput,
    pub(crate) quotes: Vec<QuoteInput>,
}

/// A corpus read a page at a time.
pub(crate) trait Pages {
    type Error: From<std::io::Error>;
    /// Every article, in position order.
    fn scan(
        &self,
        f: &mut dyn FnMut(Vec<Item>) -> Result<(), Self::Error>,
    ) -> Result<(), Self::Error>;
    /// The articles at `positions`, in that order.
    fn fetch(
        &self,
        positions: &[u32],
        f: &mut dyn FnMut(Vec<Item>) -> Result<(), Self::Error>,
    ) -> Result<(), Self::Error>;
    /// Every quote's speaker name (repeats allowed, any order), for the
    /// names of the points that are output.
    fn speaker_names(&self, f: &mut dyn FnMut(&str)) -> Result<(), Self::Error>;
}

/// The texts of an item the phrase finder reads: each quote (`Some(k)`,
/// its position among the item's quotes), then the pieces of narration
/// (the text with the quotes cut out).
fn texts(item: &Item) -> Vec<(Option<usize>, &str)> {
    let mut out: Vec<(Option<usize>, &str)> = item
        .quotes
        .iter()
        .enumerate()
        .map(|(k, q)| (Some(k), q.text.as_str()))
        .collect();
    let spans: Vec<(usize, usize)> = item.quotes.iter().filter_map(|q| q.span).collect();
    out.extend(
        narration(&item.article.text, &spans)
            .into_iter()
            .map(|p| (None, p)),
    );
    out
}

/// A word of a text, as the phrase passes read it.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Word {
    /// Byte offset in the text.
    at: usize,
    /// Length in bytes (in the text).
    len: usize,
    /// Hash of the lower-cased word ([`word_hash`]).
    hash: u64,
    /// Characters of the lower-cased word.
    chars: usize,
}

/// Hash of `w` lower-cased (the same as hashing `w.to_lowercase()`),
/// without allocating for the usual ASCII word.
fn word_hash(w: &str) -> (u64, usize) {
    let mut h = FxHasher::default();
    if w.is_ascii() {
        if !w.bytes().any(|b| b.is_ascii_uppercase()) {
            w.hash(&mut h);
        } else if w.len() <= 64 {
            let mut buf = [0u8; 64];
            let buf = &mut buf[..w.len()];
            buf.copy_from_slice(w.as_bytes());
            buf.make_ascii_lowercase();
            std::str::from_utf8(buf).unwrap_or_default().hash(&mut h);
        } else {
            w.to_ascii_lowercase().hash(&mut h);
        }
        (h.finish(), w.len())
    } else {
        let lower = w.to_lowercase();
        lower.hash(&mut h);
        (h.finish(), lower.chars().count())
    }
}

/// The words of `text` (Unicode word boundaries), lower-cased and hashed.
fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    crate::shingles::for_each_word(text, |at, w| {
        let (hash, chars) = word_hash(w);
        out.push(Word {
            at,
            len: w.len(),
            hash,
            chars,
        });
    });
    out
}

/// Hashes of the `n`-word windows of `words`: the words' hashes folded
/// in order, then mixed so that every bit (the parts' top bits too)
/// depends on all of them.
fn grams(words: &[Word], n: usize) -> Vec<u64> {
    if words.len() < n {
        return Vec::new();
    }
    words
        .windows(n)
        .map(|w| {
            let mut h = 0u64;
            for x in w {
                h = (h.rotate_left(5) ^ x.hash).wrapping_mul(0x517c_c1b7_2722_0a95);
            }
            mix64(h)
        })
        .collect()
}

/// Bits of the repeated `n`-grams' [`BlockedBloom`] per `n`-gram: a false
/// positive (about 0.3 % of the others) only adds records of an `n`-gram
/// of one article, which can never pass (its records all have one
/// outlet: the article's), so the phrases are exactly those of an exact
/// set — at 2 bytes an `n`-gram instead of 9 (a sorted list with a
/// directory: 220 MB for the 1M news corpus's repeated `n`-grams).
const FILTER_BITS: usize = 16;

/// The `n`-gram hashes of `values` that occur twice or more, sorted.
fn repeated(mut values: Vec<u64>) -> Vec<u64> {
    values.sort_unstable();
    let mut out = Vec::new();
    let mut i = 0;
    while i < values.len() {
        let j = i + values[i..].partition_point(|&x| x == values[i]);
        if j - i >= 2 {
            out.push(values[i]);
        }
        i = j;
    }
    out
}

/// Fixed-size records split into [`PARTS`] parts by the top bits of their
/// key, held in memory up to a budget of bytes and beyond it appended to
/// temporary files (one per part), then read back a part at a time: a
/// pass's memory stays bounded however large the corpus. Each part holds
/// at most its share of the budget, in a buffer allocated once at that
/// size, and is written out alone when full (before: the parts grew by
/// doubling until all of them together reached the budget, holding up to
/// twice it).
struct Parts {
    memory: Vec<Vec<u8>>,
    /// Bytes a part holds before it is written out (`None`: never).
    share: Option<usize>,
    files: Option<(tempfile::TempDir, Vec<BufWriter<std::fs::File>>)>,
}

impl Parts {
    /// `budget`: bytes held before spilling (`None`: never spill).
    fn new(budget: Option<usize>) -> Parts {
        Parts {
            memory: vec![Vec::new(); PARTS],
            share: budget.map(|b| (b / PARTS).max(1)),
            files: None,
        }
    }

    fn part_path(dir: &tempfile::TempDir, p: usize) -> PathBuf {
        dir.path().join(format!("{p:02}"))
    }

    fn push(&mut self, key: u64, record: &[u8]) -> std::io::Result<()> {
        let p = (key >> 58) as usize;
        let part = &mut self.memory[p];
        if let Some(share) = self.share {
            if part.capacity() == 0 {
                // Room for the share and one more record: never grows.
                part.reserve_exact(share + record.len());
            }
            part.extend_from_slice(record);
            if part.len() >= share {
                self.write_out(p)?;
            }
        } else {
            part.extend_from_slice(record);
        }
        Ok(())
    }

    /// Appends part `p`'s records to its file and empties it.
    fn write_out(&mut self, p: usize) -> std::io::Result<()> {
        if self.files.is_none() {
            let dir = tempfile::Builder::new()
                .prefix("newslens-signals")
                .tempdir()?;
            let files = (0..PARTS)
                .map(|p| std::fs::File::create(Parts::part_path(&dir, p)).map(BufWriter::new))
                .collect::<Result<_, _>>()?;
            self.files = Some((dir, files));
        }
        if let Some((_, files)) = &mut self.files {
            files[p].write_all(&self.memory[p])?;
            self.memory[p].clear();
        }
        Ok(())
    }

    /// Writes every part held in memory to its file and frees its buffer
    /// (only when spilling, and once some part has been written out:
    /// records that fit the budget stay in memory).
    fn write_all_out(&mut self) -> std::io::Result<()> {
        if self.files.is_none() {
            return Ok(());
        }
        for p in 0..PARTS {
            self.write_out(p)?;
            self.memory[p] = Vec::new();
        }
        Ok(())
    }

    #[cfg(test)]
    fn spilled(&self) -> bool {
        self.files.is_some()
    }

    /// `f` of each part's records, in part order (so in key order across
    /// parts); `at_once` parts are
    /// read and then worked on in parallel (memory: that many parts).
    fn map_parts<T: Send>(
        self,
        at_once: usize,
        f: impl Fn(Vec<u8>) -> T + Sync,
    ) -> std::io::Result<Vec<T>> {
        let mut out = Vec::with_capacity(PARTS);
        self.for_each_part(at_once, f, |t| {
            out.push(t);
            Ok(())
        })?;
        Ok(out)
    }

    /// [`Parts::map_parts`] giving each part's result to `g` as soon as
    /// it is made (in part order), not holding them all.
    fn for_each_part<T: Send>(
        mut self,
        at_once: usize,
        f: impl Fn(Vec<u8>) -> T + Sync,
        mut g: impl FnMut(T) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        let memory = std::mem::take(&mut self.memory);
        match self.files.take() {
            None => {
                for t in memory.into_par_iter().map(&f).collect::<Vec<T>>() {
                    g(t)?;
                }
            }
            Some((dir, files)) => {
                let mut parts = files.into_iter().zip(memory).enumerate().peekable();
                while parts.peek().is_some() {
                    let mut read = Vec::with_capacity(at_once);
                    for (p, (file, held)) in parts.by_ref().take(at_once.max(1)) {
                        drop(file.into_inner().map_err(|e| e.into_error())?);
                        let path = Parts::part_path(&dir, p);
                        let mut bytes = std::fs::read(&path)?;
                        std::fs::remove_file(&path)?;
                        bytes.extend_from_slice(&held);
                        read.push(bytes);
                    }
                    for t in read.into_par_iter().map(&f).collect::<Vec<T>>() {
                        g(t)?;
                    }
                }
            }
        }
        Ok(())
    }
}

/// A 64-bit key for each of some items of `0..n` (the members): a bit per
/// item and a rank per 64 items find a member's key in an array of the
/// members' keys only. Items not members read 0 and are not set.
struct MemberKeys {
    bits: Vec<u64>,
    /// Per word of `bits`, the members before it.
    before: Vec<u32>,
    keys: Vec<u64>,
}

impl MemberKeys {
    fn new(n: usize, members: impl Iterator<Item = usize>) -> MemberKeys {
        let mut bits = vec![0u64; n.div_ceil(64)];
        for m in members {
            if let Some(w) = bits.get_mut(m / 64) {
                *w |= 1 << (m % 64);
            }
        }
        let mut before = Vec::with_capacity(bits.len());
        let mut count = 0u32;
        for w in &bits {
            before.push(count);
            count += w.count_ones();
        }
        MemberKeys {
            bits,
            before,
            keys: vec![0; count as usize],
        }
    }

    /// Item `i`'s place among the members, if it is one.
    fn rank(&self, i: usize) -> Option<usize> {
        let w = *self.bits.get(i / 64)?;
        let bit = 1u64 << (i % 64);
        (w & bit != 0).then(|| self.before[i / 64] as usize + (w & (bit - 1)).count_ones() as usize)
    }

    fn set(&mut self, i: usize, key: u64) {
        if let Some(r) = self.rank(i) {
            self.keys[r] = key;
        }
    }

    fn get(&self, i: usize) -> u64 {
        self.rank(i).map_or(0, |r| self.keys[r])
    }
}

/// Texts kept until the end of a pass, by the id [`TextShelf::push`]
/// gives: in one buffer, or (spilling) appended to a temporary file with
/// only their ends in memory (8 bytes a text) — the statements'
/// first-quote texts and the phrase runs' texts, 140 MB and 85 MB at a
/// million generated articles, which only a few points read back.
struct TextShelf {
    ends: Vec<u64>,
    memory: Vec<u8>,
    file: Option<BufWriter<std::fs::File>>,
}

impl TextShelf {
    /// `spill`: into a temporary file (removed when the shelf is dropped).
    fn new(spill: bool) -> std::io::Result<TextShelf> {
        Ok(TextShelf {
            ends: Vec::new(),
            memory: Vec::new(),
            file: if spill {
                Some(BufWriter::new(tempfile::tempfile()?))
            } else {
                None
            },
        })
    }

    fn push(&mut self, text: &str) -> std::io::Result<usize> {
        match &mut self.file {
            Some(f) => f.write_all(text.as_bytes())?,
            None => self.memory.extend_from_slice(text.as_bytes()),
        }
        let end = self.ends.last().copied().unwrap_or(0) + text.len() as u64;
        self.ends.push(end);
        Ok(self.ends.len() - 1)
    }

    /// The shelf for reading.
    fn seal(self) -> std::io::Result<SealedShelf> {
        let file = match self.file {
            Some(f) => Some(f.into_inner().map_err(|e| e.into_error())?),
            None => None,
        };
        Ok(SealedShelf {
            ends: self.ends,
            memory: self.memory,
            file,
        })
    }
}

/// A [`TextShelf`] done with writing.
struct SealedShelf {
    ends: Vec<u64>,
    memory: Vec<u8>,
    file: Option<std::fs::File>,
}

impl SealedShelf {
    /// Text `id` (as [`TextShelf::push`] numbered it).
    fn get(&mut self, id: usize) -> std::io::Result<String> {
        use std::io::{Read, Seek, SeekFrom};
        let start = if id == 0 { 0 } else { self.ends[id - 1] };
        let end = self.ends[id];
        let bytes = match &mut self.file {
            Some(f) => {
                let mut b = vec![0u8; (end - start) as usize];
                f.seek(SeekFrom::Start(start))?;
                f.read_exact(&mut b)?;
                b
            }
            None => self.memory[start as usize..end as usize].to_vec(),
        };
        String::from_utf8(bytes)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
    }
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    let mut x = [0u8; 8];
    x.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(x)
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    let mut x = [0u8; 4];
    x.copy_from_slice(&b[at..at + 4]);
    u32::from_le_bytes(x)
}

/// What the first pass leaves for the others.
pub(crate) struct Prepared {
    /// Phrase `n`-grams in two or more articles.
    repeated: BlockedBloom,
    /// Bytes a pass holds before spilling to temporary files.
    budget: Option<usize>,
}

/// The first pass over a corpus (see the module documentation).
pub(crate) struct FirstPass {
    n: usize,
    phrases: bool,
    budget: Option<usize>,
    grams: Parts,
}

impl FirstPass {
    /// `budget`: bytes of `n`-gram
    /// hashes this pass holds before writing them to temporary files
    /// (`None`: all stay in memory, and no later pass spills either; the
    /// store path uses [`SPILL_AT`]); the counting pass holds a quarter
    /// of it (since session 11).
    pub(crate) fn new(config: &TalkingConfig, budget: Option<usize>) -> FirstPass {
        FirstPass {
            n: config.phrase_words.max(2),
            phrases: config.phrases,
            budget,
            grams: Parts::new(budget),
        }
    }

    pub(crate) fn add(&mut self, items: &[Item]) -> std::io::Result<()> {
        let (n, phrases) = (self.n, self.phrases);
        let per: Vec<Vec<u64>> = items
            .par_iter()
            .map(|item| {
                let mut g: Vec<u64> = Vec::new();
                if phrases {
                    for (_, t) in texts(item) {
                        g.extend(grams(&words(t), n));
                    }
                    g.sort_unstable();
                    g.dedup();
                }
                g
            })
            .collect();
        for g in per {
            for h in g {
                self.grams.push(h, &h.to_le_bytes())?;
            }
        }
        Ok(())
    }

    /// Writes the `n`-gram hashes still held in memory to their temporary
    /// files (when spilling), so the first pass holds nothing but its term
    /// counts until [`FirstPass::finish`]: the store path parks it while
    /// the index is built (the filter and the sorting of the parts then
    /// come after the index's candidate segments are dropped).
    #[cfg_attr(not(feature = "store"), allow(dead_code))] // the store path (`derived.rs`)
    pub(crate) fn park(&mut self) -> std::io::Result<()> {
        self.grams.write_all_out()
    }

    pub(crate) fn finish(self) -> std::io::Result<Prepared> {
        // Two parts at a time, sorted in parallel; the repeated n-grams of
        // each part go to a temporary file when spilling (8 bytes each:
        // 190 MB at a million generated articles, where the filter, sized
        // by their count, needs 2 bytes each), then into the filter.
        let spill = self.budget.is_some();
        let mut held: Vec<u64> = Vec::new();
        let mut file = if spill {
            Some(BufWriter::new(tempfile::tempfile()?))
        } else {
            None
        };
        let mut count = 0usize;
        self.grams.for_each_part(
            2,
            |bytes| repeated(bytes.chunks_exact(8).map(|c| u64_at(c, 0)).collect()),
            |part| {
                count += part.len();
                match &mut file {
                    Some(f) => part.iter().try_for_each(|h| f.write_all(&h.to_le_bytes())),
                    None => {
                        held.extend(part);
                        Ok(())
                    }
                }
            },
        )?;
        let mut filter = BlockedBloom::with_capacity(count, FILTER_BITS);
        match file {
            Some(f) => {
                use std::io::{Read, Seek};
                let mut f = f.into_inner().map_err(|e| e.into_error())?;
                f.rewind()?;
                let mut r = std::io::BufReader::new(f);
                let mut h = [0u8; 8];
                for _ in 0..count {
                    r.read_exact(&mut h)?;
                    filter.insert(u64::from_le_bytes(h));
                }
            }
            None => held.into_iter().for_each(|h| filter.insert(h)),
        }
        Ok(Prepared {
            repeated: filter,
            budget: self.budget,
        })
    }
}

/// Each position's article slot in the index, [`NO_SLOT`] for none (u32:
/// the index numbers its items so; 4 bytes an article less than usize).
pub(crate) type SlotOfPos = Vec<u32>;

/// A position not in the index.
pub(crate) const NO_SLOT: u32 = u32::MAX;

/// Each of `slots` slots' position in `slot_of_pos` (`u32::MAX`: none);
/// slots from `slots` on are left out.
pub(crate) fn pos_of_slot(slot_of_pos: &[u32], slots: usize) -> Vec<u32> {
    let mut pos = vec![u32::MAX; slots];
    for (p, &s) in slot_of_pos.iter().enumerate() {
        if let Some(x) = pos.get_mut(s as usize) {
            *x = p as u32;
        }
    }
    pos
}

/// Adds `items` (in their order) to `index`, each article followed by its
/// quotes, and to `stories` when given (by the same slots), recording
/// each article's slot at its position.
pub(crate) fn feed(
    index: &mut SignalIndex,
    stories: Option<&mut StoryIndex>,
    items: Vec<Item>,
    slot_of_pos: &mut SlotOfPos,
) {
    let first = index.article_count();
    let mut refs: Vec<ArticleRef> = Vec::with_capacity(items.len());
    let mut titles: Vec<Option<String>> = Vec::with_capacity(items.len());
    let mut qrefs: Vec<QuoteRef> = Vec::new();
    let mut positions = Vec::with_capacity(items.len());
    for (k, item) in items.into_iter().enumerate() {
        positions.push(item.pos);
        for q in item.quotes {
            qrefs.push(QuoteRef {
                id: q.id,
                article: k,
                text: q.text,
                speaker: q.speaker,
            });
        }
        let a = item.article;
        titles.push(a.title);
        refs.push(ArticleRef {
            id: a.id,
            date: a.date,
            outlet: a.outlet,
            text: a.text,
        });
    }
    // The two indexes are independent: the story index's work runs beside
    // the signal index's inserts, so the two serial loops share the cores
    // (one after the other, the story index made the 1M build's wall time
    // 7 % longer for the same CPU, session 14).
    let added = match stories {
        Some(stories) => {
            rayon::join(
                || index.add_articles_with_quotes(&refs, &qrefs).0,
                || add_stories(stories, first, &refs, &titles),
            )
            .0
        }
        None => index.add_articles_with_quotes(&refs, &qrefs).0,
    };
    debug_assert_eq!(added, first);
    for (k, pos) in positions.into_iter().enumerate() {
        if slot_of_pos.len() <= pos {
            slot_of_pos.resize(pos + 1, NO_SLOT);
        }
        slot_of_pos[pos] = (first + k) as u32;
    }
}

/// `refs` (with their `titles`), whose first is the index's article
/// `first`, into the story index. Terms are counted in parallel, a few
/// articles at a time (a page's term tables at once took 12 MB at the
/// 100k generated store); the articles go in in order (each one's vector
/// takes the counts of those before it).
fn add_stories(
    stories: &mut StoryIndex,
    first: usize,
    refs: &[ArticleRef],
    titles: &[Option<String>],
) {
    const AT_A_TIME: usize = 64;
    for (c, (chunk, chunk_titles)) in refs
        .chunks(AT_A_TIME)
        .zip(titles.chunks(AT_A_TIME))
        .enumerate()
    {
        let counts: Vec<(u64, TermList)> = chunk
            .par_iter()
            .zip(chunk_titles)
            .map(|(a, title)| {
                let key = a.date.as_deref().and_then(date_key).unwrap_or(u64::MAX);
                (key, term_list(term_counts(title.as_deref(), &a.text)))
            })
            .collect();
        for (k, (key, tf)) in counts.iter().enumerate() {
            stories.add((first + c * AT_A_TIME + k) as u32, *key, tf);
        }
    }
}

/// Size of a counting record: `n`-gram hash, source, article position,
/// outlet id (`u32::MAX`: none, the article counts as its own outlet).
const RECORD: usize = 24;

/// The passing `n`-grams of one part of counting records: in two or more
/// sources and outlets, and in at most `limit` articles.
fn passing(bytes: &[u8], limit: usize) -> Vec<u64> {
    let mut good = Vec::new();
    let mut rows: Vec<(u64, u64, u32, u32)> = bytes
        .chunks_exact(RECORD)
        .map(|r| (u64_at(r, 0), u64_at(r, 8), u32_at(r, 16), u32_at(r, 20)))
        .collect();
    rows.sort_unstable();
    let outlet = |r: &(u64, u64, u32, u32)| {
        if r.3 == u32::MAX {
            (1u64 << 32) + u64::from(r.2)
        } else {
            u64::from(r.3)
        }
    };
    let mut i = 0;
    while i < rows.len() {
        let h = rows[i].0;
        let j = i + rows[i..].partition_point(|r| r.0 == h);
        let run = &rows[i..j];
        let sources = run.iter().any(|r| r.1 != run[0].1);
        let outlets = run.iter().any(|r| outlet(r) != outlet(&run[0]));
        if sources && outlets {
            let mut arts: Vec<u32> = run.iter().map(|r| r.2).collect();
            arts.sort_unstable();
            arts.dedup();
            if arts.len() <= limit {
                good.push(h);
            }
        }
        i = j;
    }
    good
}

/// One run of passing `n`-grams in a text.
/// 24 bytes (48 with `usize` fields and an `Option<u64>`: 1.4 million
/// runs at a million generated articles).
struct Run {
    /// The quote's speaker's [`speaker_key`] (0: none; keys are never 0).
    speaker: u64,
    article: u32,
    words: u32,
    /// Union–find id of its last `n`-gram.
    id: u32,
    /// Its text on the phrase pass's [`TextShelf`].
    text: u32,
}

/// Talking points of a corpus whose articles are all in `index`
/// (`slot_of_pos`: each position's article slot). `metas` are the
/// articles without their texts (position order).
pub(crate) fn compute<P: Pages>(
    pages: &P,
    metas: &mut Metas,
    prepared: Prepared,
    index: &mut SignalIndex,
    slot_of_pos: &[u32],
    talk: &TalkingConfig,
) -> Result<Vec<TalkingPoint>, P::Error> {
    let drafts = compute_drafts(pages, metas, prepared, index, slot_of_pos, talk)?;
    make_points(pages, metas, drafts)
}

/// [`compute`] up to the kept points' drafts, which
/// [`make_points`] makes into points: the store path makes its quote
/// clusters in between and frees the index before the points' strings
/// are made (the talking points were 91 MB at a million generated
/// articles, held beside the index while the clusters were made: the
/// peak, 348 MiB, once the store's page caches were no longer held).
pub(crate) fn compute_drafts<P: Pages>(
    pages: &P,
    metas: &mut Metas,
    prepared: Prepared,
    index: &mut SignalIndex,
    slot_of_pos: &[u32],
    talk: &TalkingConfig,
) -> Result<Vec<Draft>, P::Error> {
    let n = talk.phrase_words.max(2);
    let total = metas.len();
    // Positions and quote slots as u32 (the index numbers its items so):
    // 4 bytes an article each, not 8.
    let pos_of_slot = pos_of_slot(slot_of_pos, index.article_count());
    let mut first_quote = vec![u32::MAX; index.article_count()];
    for s in (0..index.quote_count()).rev() {
        first_quote[index.quote_article(s)] = s as u32;
    }
    let clusters = index.quote_clusters_flat();
    // The clusters' first quotes (a bit per quote slot), and their texts
    // on a shelf: (slot, shelf id) in slot order once the pass is done.
    let mut firsts = vec![0u64; index.quote_count().div_ceil(64)];
    for c in 0..clusters.len() {
        let first = clusters.first(c);
        firsts[first / 64] |= 1 << (first % 64);
    }
    let is_first = |s: usize| firsts[s / 64] & (1 << (s % 64)) != 0;
    let spill = prepared.budget.is_some();
    let mut statement_shelf = TextShelf::new(spill)?;
    let mut statement_text: Vec<(u32, u32)> = Vec::new();
    // Speakers by key (0: none), no table of names (see `speaker_key`).
    // Only the clusters' quotes need their speaker (a key per member, not
    // per quote: 40 MB at 1M).
    let mut speaker_of_slot = MemberKeys::new(
        index.quote_count(),
        (0..clusters.len()).flat_map(|c| clusters.members(c)),
    );
    let mut speakers_seen = 0usize;
    let mut outlets = Names::default();
    let repeated = prepared.repeated;
    // A quarter of the budget for the counting records (half before
    // session 11, the whole before session 10): the pass holds the
    // index, the repeated filter and the statements' lists beside them,
    // and set the 1M peak once the index step held less; records are
    // only written out in smaller pieces: the same records, the same
    // parts.
    let mut records = Parts::new(prepared.budget.map(|b| b / 4));
    // The quote slots of an item (`None`: not in the index as this quote).
    let quote_slots = |index: &SignalIndex, item: &Item| -> Vec<Option<usize>> {
        let Some(a) = slot_of_pos
            .get(item.pos)
            .filter(|&&s| s != NO_SLOT)
            .map(|&s| s as usize)
        else {
            return vec![None; item.quotes.len()];
        };
        let first = match first_quote.get(a) {
            Some(&f) if f != u32::MAX => f as usize,
            _ => usize::MAX,
        };
        item.quotes
            .iter()
            .enumerate()
            .map(|(k, q)| {
                let s = first.checked_add(k)?;
                (s < index.quote_count()
                    && index.quote_article(s) == a
                    && index.quote_id_is_of(s, &item.article.id, &q.id))
                .then_some(s)
            })
            .collect()
    };
    // The counting pass reads none of the articles' ids, dates, outlets
    // and languages (the items carry their own): when spilling they wait
    // on a temporary file (31 bytes an article).
    let parked = if spill { Some(metas.park()?) } else { None };
    // Counting pass.
    let t = std::time::Instant::now();
    let mut trimmer = Trimmer::default();
    pages.scan(&mut |items: Vec<Item>| {
        trimmer.page();
        // Per item: the repeated n-grams of each text (in parallel).
        let per: Vec<Vec<Vec<u64>>> = items
            .par_iter()
            .map(|item| {
                if talk.phrases {
                    texts(item)
                        .into_iter()
                        .map(|(_, t)| {
                            let mut g = grams(&words(t), n);
                            g.retain(|&h| repeated.contains(h));
                            g
                        })
                        .collect()
                } else {
                    Vec::new()
                }
            })
            .collect();
        for (item, text_grams) in items.iter().zip(per) {
            let Some(slot) = slot_of_pos
                .get(item.pos)
                .filter(|&&s| s != NO_SLOT)
                .map(|&s| s as usize)
            else {
                continue;
            };
            let qs = quote_slots(index, item);
            for (q, s) in item.quotes.iter().zip(&qs) {
                let Some(s) = *s else { continue };
                if let Some(name) = &q.speaker {
                    speaker_of_slot.set(s, speaker_key(name));
                    speakers_seen += 1;
                }
                if is_first(s) {
                    statement_text.push((s as u32, statement_shelf.push(&q.text)? as u32));
                }
            }
            if !talk.phrases {
                continue;
            }
            let narration_source = (1u64 << 40) + index.article_group(slot) as u64;
            let outlet = match &item.article.outlet {
                Some(o) => outlets.id(o),
                // An article without an outlet counts as an outlet of its own.
                None => u32::MAX,
            };
            let mut pairs: Vec<(u64, u64)> = Vec::new();
            for ((k, _), g) in texts(item).into_iter().zip(text_grams) {
                let source = match k {
                    Some(k) => match qs[k] {
                        Some(s) => index.quote_group(s) as u64,
                        None => continue,
                    },
                    None => narration_source,
                };
                pairs.extend(g.into_iter().map(|h| (h, source)));
            }
            pairs.sort_unstable();
            pairs.dedup();
            let mut record = [0u8; RECORD];
            record[16..20].copy_from_slice(&(item.pos as u32).to_le_bytes());
            record[20..24].copy_from_slice(&outlet.to_le_bytes());
            for (h, source) in pairs {
                record[0..8].copy_from_slice(&h.to_le_bytes());
                record[8..16].copy_from_slice(&source.to_le_bytes());
                records.push(h, &record)?;
            }
        }
        Ok(())
    })?;
    note(&format!(
        "{} repeated n-grams ({} MB filter), {} statement texts, {} quotes with a speaker, {} outlets",
        repeated.len,
        (repeated.word_count() * 8) >> 20,
        statement_text.len(),
        speakers_seen,
        outlets.len()
    ));
    drop(repeated);
    // The records left in memory go to their files (when spilling): the
    // statements step does not hold them (up to the budget: they set the
    // 1M peak there, with the corpus' metadata read back).
    records.write_all_out()?;
    step("counting pass", t);
    let t = std::time::Instant::now();
    if let Some(parked) = parked {
        metas.unpark(parked)?;
    }
    let ctx = Ctx::new(metas);
    let mut points = TopPoints::new(talk.max_points);
    statement_text.sort_unstable();
    let mut statement_shelf = statement_shelf.seal()?;
    for c in 0..clusters.len() {
        let Ok(k) = statement_text.binary_search_by_key(&(clusters.first(c) as u32), |&(s, _)| s)
        else {
            continue;
        };
        let text = statement_shelf.get(statement_text[k].1 as usize)?;
        let occ: Vec<Occurrence> = clusters
            .members(c)
            .filter_map(|s| {
                let article = *pos_of_slot.get(index.quote_article(s))? as usize;
                (article < total).then(|| Occurrence {
                    article,
                    speaker: Some(speaker_of_slot.get(s)).filter(|&x| x != 0),
                })
            })
            .collect();
        if occ.is_empty() {
            continue;
        }
        let (score, first) = ctx.score(&occ);
        if !points.admits(score, metas.date(first), &text) {
            continue;
        }
        // The article ids from the corpus: the index's may not be held.
        let ids = clusters
            .members(c)
            .map(|s| {
                match pos_of_slot.get(index.quote_article(s)) {
                    Some(&p) if (p as usize) < total => index.quote_id_of(s, metas.id(p as usize)),
                    _ => index.quote_id(s),
                }
                .into_owned()
            })
            .collect();
        points.push(Draft::new(
            &ctx,
            "statement",
            (score, first),
            text,
            occ,
            ids,
        ));
    }
    // What only the statements needed (the statements' first-quote texts
    // are 140 MB at 1M): freed before the phrase pass, which takes the
    // speakers from the quotes it reads.
    drop((clusters, statement_text, statement_shelf, pos_of_slot));
    drop((firsts, speaker_of_slot));
    release_free_memory();
    step("statements", t);
    // The phrase pass reads neither the date keys of `ctx` nor the
    // articles' metadata.
    drop(ctx);
    let parked = if spill && talk.phrases {
        Some(metas.park()?)
    } else {
        None
    };
    let t = std::time::Instant::now();
    if talk.phrases {
        let mut limit = talk.max_articles;
        if total >= 50 {
            limit = limit.min((total as f64 * talk.max_article_share).ceil() as usize);
        }
        let limit = limit.max(2);
        // Two parts at a time, sorted in parallel.
        let good: FxHashSet<u64> = records
            .map_parts(2, |bytes| passing(&bytes, limit))?
            .into_iter()
            .flatten()
            .collect();
        step("passing n-grams", t);
        let t = std::time::Instant::now();
        let mut shelf = TextShelf::new(spill)?;
        let runs = phrase_runs(pages, index, &good, n, talk, &quote_slots, &mut shelf)?;
        note(&format!(
            "{} passing n-grams, {} runs with {} bytes of text",
            good.len(),
            runs.1.len(),
            shelf.ends.last().copied().unwrap_or(0)
        ));
        // The passing n-grams and the memory the pass freed go before the
        // corpus' metadata comes back (the 1M peak was set there).
        drop(good);
        release_free_memory();
        step("phrase pass", t);
        if let Some(parked) = parked {
            metas.unpark(parked)?;
        }
        let t = std::time::Instant::now();
        phrases(&Ctx::new(metas), runs, &mut shelf.seal()?, &mut points)?;
        step("phrases", t);
    }
    drop(first_quote);
    Ok(points.finish())
}

/// The kept drafts made into points (their strings), with their
/// speakers' names.
pub(crate) fn make_points<P: Pages>(
    pages: &P,
    metas: &Metas,
    drafts: Vec<Draft>,
) -> Result<Vec<TalkingPoint>, P::Error> {
    // Once the phrase runs (and in the store path the index) are freed.
    release_free_memory();
    let ctx = Ctx::new(metas);
    let ranked: Vec<Ranked> = drafts.into_iter().map(|d| d.make(&ctx)).collect();
    drop(ctx);
    let t = std::time::Instant::now();
    let points = with_speaker_names(pages, ranked)?;
    step("speaker names", t);
    Ok(points)
}

/// The points with their speakers' names, looked up by key in one pass
/// over the corpus' speaker names (only the names of these points are
/// kept).
fn with_speaker_names<P: Pages>(
    pages: &P,
    ranked: Vec<Ranked>,
) -> Result<Vec<TalkingPoint>, P::Error> {
    let wanted: FxHashSet<u64> = ranked
        .iter()
        .flat_map(|r| r.speaker_keys.iter().copied())
        .collect();
    let mut names: FxHashMap<u64, String> = FxHashMap::default();
    if !wanted.is_empty() {
        pages.speaker_names(&mut |name| {
            let key = speaker_key(name);
            if wanted.contains(&key) {
                names.entry(key).or_insert_with(|| name.to_string());
            }
        })?;
    }
    Ok(ranked
        .into_iter()
        .map(|r| {
            let mut p = r.point;
            p.speakers = r
                .speaker_keys
                .iter()
                .filter_map(|k| names.get(k).cloned())
                .collect();
            p
        })
        .collect())
}

/// The phrase pass: runs of passing `n`-grams in every text, with their
/// union–find over `n`-grams.
fn phrase_runs<P: Pages>(
    pages: &P,
    index: &SignalIndex,
    good: &FxHashSet<u64>,
    n: usize,
    talk: &TalkingConfig,
    quote_slots: &dyn Fn(&SignalIndex, &Item) -> Vec<Option<usize>>,
    shelf: &mut TextShelf,
) -> Result<(UnionFind, Vec<Run>), P::Error> {
    let content_ok =
        |ws: &[Word]| ws.iter().filter(|w| w.chars >= 4).count() >= talk.min_content_words;
    let mut ids: FxHashMap<u64, usize> = FxHashMap::default();
    let mut uf = UnionFind::default();
    let mut runs: Vec<Run> = Vec::new();
    let mut trimmer = Trimmer::default();
    pages.scan(&mut |items: Vec<Item>| {
        trimmer.page();
        // Per item, per text: (quote position, the run's n-grams, words, text).
        type Found = (Option<usize>, Vec<u64>, usize, String);
        let per: Vec<Vec<Found>> = items
            .par_iter()
            .map(|item| {
                let mut out: Vec<Found> = Vec::new();
                for (k, text) in texts(item) {
                    let ws = words(text);
                    let g = grams(&ws, n);
                    let mut p = 0;
                    while p < g.len() {
                        if !good.contains(&g[p]) {
                            p += 1;
                            continue;
                        }
                        let mut q = p;
                        while q < g.len() && good.contains(&g[q]) {
                            q += 1;
                        }
                        let e = q - 1 + n;
                        // A run of function words is generic.
                        if content_ok(&ws[p..e]) {
                            let start = ws[p].at;
                            let end = ws[e - 1].at + ws[e - 1].len;
                            out.push((k, g[p..q].to_vec(), e - p, text[start..end].to_string()));
                        }
                        p = q;
                    }
                }
                out
            })
            .collect();
        for (item, found) in items.iter().zip(per) {
            if found.is_empty() {
                continue;
            }
            let qs = quote_slots(index, item);
            for (k, run_grams, len, text) in found {
                let speaker = match k {
                    Some(k) => match qs[k] {
                        Some(_) => item.quotes[k].speaker.as_deref().map(speaker_key),
                        None => continue,
                    },
                    None => None,
                };
                let mut prev: Option<usize> = None;
                for gram in run_grams {
                    let id = *ids.entry(gram).or_insert_with(|| uf.push());
                    if let Some(prev) = prev {
                        uf.union(prev, id);
                    }
                    prev = Some(id);
                }
                if let Some(id) = prev {
                    runs.push(Run {
                        speaker: speaker.unwrap_or(0),
                        article: item.pos as u32,
                        words: len as u32,
                        id: id as u32,
                        text: shelf.push(&text)? as u32,
                    });
                }
            }
        }
        Ok(())
    })?;
    Ok((uf, runs))
}

/// Phrase talking points of the merged runs: one per group of runs in two
/// or more articles, shown as its longest run (earliest on ties).
fn phrases(
    ctx: &Ctx,
    (mut uf, runs): (UnionFind, Vec<Run>),
    texts: &mut SealedShelf,
    out: &mut TopPoints,
) -> std::io::Result<()> {
    // (group, run) sorted: each group's runs in a row, in run order (8
    // bytes a run, where a hash map of a list per group took ≈ 5 times
    // that). Groups come in the order of their roots; the points are
    // ranked on their content, which no two groups share.
    let mut pairs: Vec<(u32, u32)> = runs
        .iter()
        .enumerate()
        .map(|(r, run)| (uf.find(run.id as usize) as u32, r as u32))
        .collect();
    pairs.sort_unstable();
    for group in pairs.chunk_by(|a, b| a.0 == b.0) {
        let members: Vec<usize> = group.iter().map(|p| p.1 as usize).collect();
        let arts = distinct(members.iter().map(|&r| runs[r].article)).len();
        if arts < 2 {
            continue;
        }
        let best = members
            .iter()
            .copied()
            .max_by_key(|&r| {
                (
                    runs[r].words,
                    std::cmp::Reverse(ctx.order(runs[r].article as usize)),
                    std::cmp::Reverse(r),
                )
            })
            .unwrap_or(members[0]);
        let occ: Vec<Occurrence> = members
            .iter()
            .map(|&r| Occurrence {
                article: runs[r].article as usize,
                speaker: Some(runs[r].speaker).filter(|&k| k != 0),
            })
            .collect();
        let text = texts.get(runs[best].text as usize)?;
        let (score, first) = ctx.score(&occ);
        if out.admits(score, ctx.articles.date(first), &text) {
            out.push(Draft::new(
                ctx,
                "phrase",
                (score, first),
                text,
                occ,
                Vec::new(),
            ));
        }
    }
    Ok(())
}

/// The highest-scoring talking points, at most `max` (all when `None`):
/// points are pushed one at a time and the list is cut back whenever it
/// doubles, so memory stays bounded by `max` whatever the corpus. Sorting
/// is stable, so among equal points the earlier pushed are kept, as a
/// sort of all of them would.
///
/// Since session 10 the list is cut when it holds a quarter more than
/// `max` (was twice `max`), and once cut to `max` a point that does not
/// rank before the last one kept is not made at all ([`TopPoints::admits`],
/// asked before the point's lists of strings are made): it could never be
/// kept, as `max` points pushed before it rank at least as high. The
/// passes keep [`Draft`]s (the occurrences by position), made into points
/// only once the list is final: the 10,000 points kept at a million
/// generated articles take 36.7 MB as JSON (150 articles and 115 outlets
/// each for the first ones), and in memory as points they grew the heap
/// by 72 MB in the phrases step (statement points replaced by phrase
/// points), beside the phrase runs.
pub(crate) struct TopPoints<T = Draft> {
    max: Option<usize>,
    points: Vec<T>,
    /// Score, first date and text of the last point kept by the latest cut
    /// to `max` points.
    last_kept: Option<(f64, Option<String>, String)>,
}

/// The order points are kept in: higher score first, then earlier first
/// date, then text (then the order they were pushed in).
fn rank_order(a: (f64, Option<&str>, &str), b: (f64, Option<&str>, &str)) -> std::cmp::Ordering {
    b.0.total_cmp(&a.0)
        .then_with(|| a.1.cmp(&b.1))
        .then_with(|| a.2.cmp(b.2))
}

/// What [`TopPoints`] ranks by: score, first date, text.
pub(crate) trait Rank {
    fn rank_key(&self) -> (f64, Option<&str>, &str);
}

impl Rank for Ranked {
    fn rank_key(&self) -> (f64, Option<&str>, &str) {
        let p = &self.point;
        (p.score, p.first_seen.date.as_deref(), &p.text)
    }
}

/// A talking point not made yet: what [`Ctx::point`] makes it from, with
/// its score and first date (as the point will have them, from
/// [`Ctx::score`]) to rank it by. About 24 bytes an occurrence, where the
/// point holds each article's id, outlet and date as strings.
pub(crate) struct Draft {
    kind: &'static str,
    score: f64,
    date: Option<String>,
    text: String,
    occ: Vec<Occurrence>,
    quotes: Vec<String>,
}

impl Draft {
    /// The draft of a point whose score and first article `ctx.score`
    /// gave (`first`: its position).
    fn new(
        ctx: &Ctx,
        kind: &'static str,
        (score, first): (f64, usize),
        text: String,
        occ: Vec<Occurrence>,
        quotes: Vec<String>,
    ) -> Draft {
        Draft {
            kind,
            score,
            date: ctx.articles.date(first).map(str::to_string),
            text,
            occ,
            quotes,
        }
    }

    fn make(self, ctx: &Ctx) -> Ranked {
        ctx.point(self.kind, self.text, self.occ, self.quotes)
    }
}

impl Rank for Draft {
    fn rank_key(&self) -> (f64, Option<&str>, &str) {
        (self.score, self.date.as_deref(), &self.text)
    }
}

impl<T: Rank> TopPoints<T> {
    pub(crate) fn new(max: Option<usize>) -> Self {
        TopPoints {
            max,
            points: Vec::new(),
            last_kept: None,
        }
    }

    /// Whether a point of this score, first date and text can still be
    /// among the kept ones (else pushing it changes nothing).
    pub(crate) fn admits(&self, score: f64, date: Option<&str>, text: &str) -> bool {
        match &self.last_kept {
            None => true,
            Some((s, d, t)) => {
                rank_order((score, date, text), (*s, d.as_deref(), t)) == std::cmp::Ordering::Less
            }
        }
    }

    pub(crate) fn push(&mut self, p: T) {
        self.points.push(p);
        if let Some(max) = self.max {
            if self.points.len() >= max + (max / 4).max(1) {
                self.cut(max);
            }
        }
    }

    fn cut(&mut self, max: usize) {
        self.points
            .sort_by(|a, b| rank_order(a.rank_key(), b.rank_key()));
        self.points.truncate(max);
        if self.points.len() == max {
            if let Some(last) = self.points.last() {
                let (score, date, text) = last.rank_key();
                self.last_kept = Some((score, date.map(str::to_string), text.to_string()));
            }
        }
    }

    /// Highest score first.
    pub(crate) fn finish(mut self) -> Vec<T> {
        self.cut(self.max.unwrap_or(usize::MAX));
        self.points
    }
}

/// A corpus held in memory.
struct SlicePages<'a> {
    articles: &'a [ArticleInput],
    quotes: &'a [QuoteInput],
    by_article: Vec<Vec<usize>>,
}

impl<'a> SlicePages<'a> {
    fn new(articles: &'a [ArticleInput], quotes: &'a [QuoteInput]) -> Self {
        let mut by_article = vec![Vec::new(); articles.len()];
        for (q, quote) in quotes.iter().enumerate() {
            if let Some(list) = by_article.get_mut(quote.article) {
                list.push(q);
            }
        }
        SlicePages {
            articles,
            quotes,
            by_article,
        }
    }

    fn item(&self, pos: usize) -> Item {
        Item {
            pos,
            article: self.articles[pos].clone(),
            quotes: self.by_article[pos]
                .iter()
                .map(|&q| self.quotes[q].clone())
                .collect(),
        }
    }
}

impl Pages for SlicePages<'_> {
    type Error = std::io::Error;

    fn scan(
        &self,
        f: &mut dyn FnMut(Vec<Item>) -> Result<(), Self::Error>,
    ) -> Result<(), Self::Error> {
        let all: Vec<u32> = (0..self.articles.len() as u32).collect();
        self.fetch(&all, f)
    }

    fn fetch(
        &self,
        positions: &[u32],
        f: &mut dyn FnMut(Vec<Item>) -> Result<(), Self::Error>,
    ) -> Result<(), Self::Error> {
        for chunk in positions.chunks(1024) {
            f(chunk
                .iter()
                .map(|&p| p as usize)
                .filter(|&p| p < self.articles.len())
                .map(|p| self.item(p))
                .collect())?;
        }
        Ok(())
    }

    fn speaker_names(&self, f: &mut dyn FnMut(&str)) -> Result<(), Self::Error> {
        for q in self.quotes {
            if let Some(name) = &q.speaker {
                f(name);
            }
        }
        Ok(())
    }
}

/// [`crate::talking_points`]: the passes over a corpus in memory.
pub(crate) fn talking_points_in_memory(
    articles: &[ArticleInput],
    quotes: &[QuoteInput],
    config: &TalkingConfig,
) -> Vec<TalkingPoint> {
    let pages = SlicePages::new(articles, quotes);
    let run = || -> std::io::Result<Vec<TalkingPoint>> {
        let mut first = FirstPass::new(config, None);
        if config.phrases {
            pages.scan(&mut |items| first.add(&items))?;
        }
        let prepared = first.finish()?;
        let order = replay_order(&date_keys(articles), 0..articles.len());
        let mut index = SignalIndex::new(SignalConfig::default());
        let mut slot_of_pos = vec![NO_SLOT; articles.len()];
        pages.fetch(&order, &mut |items| {
            feed(&mut index, None, items, &mut slot_of_pos);
            Ok(())
        })?;
        compute(
            &pages,
            &mut Metas::of(articles, false),
            prepared,
            &mut index,
            &slot_of_pos,
            config,
        )
    };
    // Nothing in memory fails (no temporary files without spilling).
    run().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_hashes_equal_hashing_the_lower_cased_word() {
        for w in [
            "harvest",
            "Harvest",
            "HARVEST",
            "Ünïcode",
            "İstanbul",
            "x".repeat(70).as_str(),
        ] {
            let lower = w.to_lowercase();
            let mut h = FxHasher::default();
            lower.hash(&mut h);
            assert_eq!(word_hash(w), (h.finish(), lower.chars().count()), "{w}");
        }
        let ws = words("The Harvest, the harvest.");
        assert_eq!(ws.len(), 4);
        assert_eq!(ws[1].hash, ws[3].hash);
        assert_eq!((ws[1].at, ws[1].len), (4, 7));
        assert_ne!(ws[0].hash, ws[1].hash);
    }

    #[test]
    fn grams_of_the_same_words_in_another_case_are_equal_and_order_matters() {
        let a = grams(&words("One two three four five six"), 5);
        let b = grams(&words("ONE two Three four FIVE six"), 5);
        assert_eq!(a, b);
        assert_eq!(a.len(), 2);
        assert_ne!(a[0], a[1]);
        let c = grams(&words("two one three four five"), 5);
        assert_ne!(c[0], a[0]);
        assert!(grams(&words("one two"), 5).is_empty());
    }

    #[test]
    fn the_repeated_filter_holds_every_inserted_hash_and_few_others() {
        let mix = |i: u64| {
            let mut h = i.wrapping_mul(0x9e37_79b9_7f4a_7c15);
            h = (h ^ (h >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            h ^ (h >> 32)
        };
        for len in [0u64, 1, 3, 100, 20_000] {
            let mut set = BlockedBloom::with_capacity(len as usize, FILTER_BITS);
            for i in 0..len {
                set.insert(mix(i));
            }
            assert!((0..len).all(|i| set.contains(mix(i))));
            assert_eq!(set.len, len as usize);
            // Hashes never inserted: false positives stay rare.
            let false_positives = (len..len + 100_000)
                .filter(|&i| set.contains(mix(i)))
                .count();
            assert!(false_positives < 1_000, "{len}: {false_positives}");
        }
    }

    #[test]
    fn repeated_keeps_values_seen_twice_or_more_sorted() {
        assert_eq!(repeated(vec![5, 1, 5, 3, 1, 1, 9]), [1, 5]);
        assert!(repeated(vec![]).is_empty());
    }

    #[test]
    fn spilled_parts_give_back_every_record_in_key_order() {
        // Keys across all top-bit parts; a budget of 64 bytes spills often.
        let values: Vec<u64> = (0..5000u64)
            .map(|i| (i % 1700).wrapping_mul(0x9e37_79b9_7f4a_7c15))
            .collect();
        let read = |budget: Option<usize>| {
            let mut parts = Parts::new(budget);
            for &v in &values {
                parts.push(v, &v.to_le_bytes()).unwrap();
            }
            let spilled = parts.spilled();
            // Three at a time: parts are read in groups, answers kept in order.
            let out = parts
                .map_parts(3, |b| {
                    repeated(b.chunks_exact(8).map(|c| u64_at(c, 0)).collect())
                })
                .unwrap()
                .concat();
            (out, spilled)
        };
        let (memory, spilled) = read(None);
        assert!(!spilled);
        let (disk, spilled) = read(Some(64));
        assert!(spilled);
        assert_eq!(memory, disk);
        assert_eq!(disk, repeated(values.clone()));
        assert_eq!(disk.len(), 1700);
    }

    #[test]
    fn member_keys_read_back_the_members_keys_and_zero_for_the_rest() {
        let n = 1000;
        let members: Vec<usize> = (0..n)
            .filter(|i| i % 7 == 3 || i % 64 == 63 || *i == 0)
            .collect();
        let mut keys = MemberKeys::new(n, members.iter().copied().chain([5000]));
        assert_eq!(keys.keys.len(), members.len());
        for i in 0..n {
            keys.set(i, (i as u64 + 1) * 11);
        }
        for i in 0..n {
            let want = if members.contains(&i) {
                (i as u64 + 1) * 11
            } else {
                0
            };
            assert_eq!(keys.get(i), want, "{i}");
        }
        assert_eq!(keys.get(5000), 0);
        assert_eq!(MemberKeys::new(0, std::iter::empty()).get(3), 0);
    }

    #[test]
    fn a_spilled_text_shelf_gives_back_what_an_in_memory_one_does() {
        let texts: Vec<String> = (0..3000)
            .map(|i| match i % 4 {
                0 => String::new(),
                1 => format!("statement {i} «с юникодом» 🌾"),
                _ => "word ".repeat(i % 37),
            })
            .collect();
        let mut memory = TextShelf::new(false).unwrap();
        let mut disk = TextShelf::new(true).unwrap();
        for (i, t) in texts.iter().enumerate() {
            assert_eq!(memory.push(t).unwrap(), i);
            assert_eq!(disk.push(t).unwrap(), i);
        }
        assert!(disk.file.is_some() && disk.memory.is_empty());
        let (mut memory, mut disk) = (memory.seal().unwrap(), disk.seal().unwrap());
        // Read back out of order, some twice.
        for i in (0..texts.len()).rev().chain([5, 1, 2999, 0]) {
            assert_eq!(disk.get(i).unwrap(), texts[i]);
            assert_eq!(memory.get(i).unwrap(), texts[i]);
        }
    }

    #[test]
    fn top_points_keep_what_sorting_all_and_cutting_keeps() {
        let point = |text: &str, score: f64, date: Option<String>| TalkingPoint {
            kind: "phrase".into(),
            text: text.into(),
            articles: Vec::new(),
            outlets: Vec::new(),
            speakers: Vec::new(),
            languages: Vec::new(),
            first_seen: crate::FirstSeen {
                article: "a".into(),
                date,
            },
            count: 0,
            timeline_unit: "day".into(),
            timeline: Vec::new(),
            by_outlet: Vec::new(),
            score,
            quotes: Vec::new(),
        };
        // Ties on score, date and text (told apart by the order pushed).
        let all: Vec<Ranked> = (0..500)
            .map(|i| Ranked {
                point: point(
                    &format!("p{}", i % 7),
                    ((i * 37) % 11) as f64,
                    (i % 3 != 0).then(|| format!("2024-01-0{}", 1 + i % 4)),
                ),
                speaker_keys: vec![i as u64],
            })
            .collect();
        let mut every = TopPoints::new(None);
        for p in &all {
            every.push(p.clone());
        }
        let every = every.finish();
        assert_eq!(every.len(), 500);
        for max in [1, 4, 10, 37] {
            let (mut top, mut skipped) = (TopPoints::new(Some(max)), 0);
            for p in &all {
                // Pushed only when admitted, as the passes do.
                let q = &p.point;
                if top.admits(q.score, q.first_seen.date.as_deref(), &q.text) {
                    top.push(p.clone());
                } else {
                    skipped += 1;
                }
            }
            assert!(skipped > 0, "the filter was not exercised (max {max})");
            assert_eq!(top.finish(), every[..max], "max {max}");
        }
    }

    #[test]
    fn a_draft_ranks_as_the_point_it_is_made_into() {
        let articles: Vec<ArticleInput> = (0..30)
            .map(|i| ArticleInput {
                id: format!("a{i}"),
                date: (i % 4 != 0).then(|| format!("2023-06-{:02}", 1 + (i * 11) % 28)),
                outlet: Some(format!("O{}", i % 5)),
                language: Some("en".into()),
                title: None,
                text: String::new(),
            })
            .collect();
        let metas = Metas::of(&articles, false);
        let ctx = Ctx::new(&metas);
        for n in 1..25usize {
            let occ = || -> Vec<Occurrence> {
                (0..n)
                    .map(|k| Occurrence {
                        article: (k * 7 + n) % 30,
                        speaker: (k % 2 == 0).then_some(k as u64 % 3 + 1),
                    })
                    .collect()
            };
            let draft = Draft::new(
                &ctx,
                "phrase",
                ctx.score(&occ()),
                format!("t{n}"),
                occ(),
                vec!["q".into()],
            );
            let key = {
                let (s, d, t) = draft.rank_key();
                (s.to_bits(), d.map(str::to_string), t.to_string())
            };
            let made = draft.make(&ctx);
            let (s, d, t) = made.rank_key();
            assert_eq!(
                key,
                (s.to_bits(), d.map(str::to_string), t.to_string()),
                "{n}"
            );
            assert_eq!(
                made,
                ctx.point("phrase", format!("t{n}"), occ(), vec!["q".into()])
            );
        }
    }

    #[test]
    fn passing_needs_two_sources_two_outlets_and_at_most_the_article_limit() {
        let record = |h: u64, source: u64, pos: u32, outlet: u32| {
            let mut r = Vec::with_capacity(RECORD);
            r.extend_from_slice(&h.to_le_bytes());
            r.extend_from_slice(&source.to_le_bytes());
            r.extend_from_slice(&pos.to_le_bytes());
            r.extend_from_slice(&outlet.to_le_bytes());
            r
        };
        let bytes: Vec<u8> = [
            // 1: two sources, two outlets: passes.
            record(1, 10, 0, 0),
            record(1, 11, 1, 1),
            // 2: one source (a statement reported twice).
            record(2, 10, 0, 0),
            record(2, 10, 1, 1),
            // 3: one outlet.
            record(3, 10, 0, 0),
            record(3, 11, 1, 0),
            // 4: no outlet counts as an outlet of its own.
            record(4, 10, 0, u32::MAX),
            record(4, 11, 1, u32::MAX),
            // 5: in three articles, over a limit of two.
            record(5, 10, 0, 0),
            record(5, 11, 1, 1),
            record(5, 12, 2, 2),
        ]
        .concat();
        let mut good = passing(&bytes, 2);
        good.sort_unstable();
        assert_eq!(good, [1, 4]);
    }

    #[test]
    fn the_repeated_filter_is_the_same_spilled_or_in_memory() {
        let articles: Vec<ArticleInput> = (0..40)
            .map(|i| ArticleInput {
                id: format!("a{i}"),
                date: None,
                outlet: None,
                language: None,
                title: None,
                text: format!(
                    "Shared words number {} go here and there. Own words w{i} x{i} y{i} z{i} v{i}.",
                    i % 5
                ),
            })
            .collect();
        let config = TalkingConfig::default();
        let filter = |budget: Option<usize>, park: bool| {
            let pages = SlicePages::new(&articles, &[]);
            let mut first = FirstPass::new(&config, budget);
            pages.scan(&mut |items| first.add(&items)).unwrap();
            assert_eq!(first.grams.spilled(), budget.is_some());
            if park {
                first.park().unwrap();
                // Spilling: nothing left in memory.
                let held = first.grams.memory.iter().map(Vec::capacity).sum::<usize>();
                assert_eq!(held == 0, budget.is_some());
            }
            let r = first.finish().unwrap().repeated;
            (r.len, r.words().collect::<Vec<u64>>())
        };
        let memory = filter(None, false);
        assert!(memory.0 > 0);
        assert_eq!(filter(Some(64), false), memory);
        assert_eq!(filter(Some(64), true), memory);
        assert_eq!(filter(None, true), memory);
    }

    #[test]
    fn talking_points_are_the_same_when_every_pass_spills_to_files() {
        let outlets = ["One", "Two", "Three"];
        let articles: Vec<ArticleInput> = (0..30)
            .map(|i| ArticleInput {
                id: format!("a{i}"),
                date: Some(format!("2023-05-{:02}", 1 + i % 28)),
                outlet: Some(outlets[i % 3].to_string()),
                language: Some("en".into()),
                title: None,
                text: format!(
                    "Line {} of the story: the harvest must come home before the winter storms arrive. Filler word{i} other{i} more{i} text{i} here{i}.",
                    i % 4
                ),
            })
            .collect();
        let config = TalkingConfig::default();
        let run = |budget: Option<usize>, saturated: bool| {
            let pages = SlicePages::new(&articles, &[]);
            let mut first = FirstPass::new(&config, budget);
            pages.scan(&mut |items| first.add(&items)).unwrap();
            assert_eq!(first.grams.spilled(), budget.is_some());
            let mut prepared = first.finish().unwrap();
            if saturated {
                prepared.repeated.saturate();
            }
            let order = replay_order(&date_keys(&articles), 0..articles.len());
            let mut index = SignalIndex::new(SignalConfig::default());
            let mut slot_of_pos = vec![NO_SLOT; articles.len()];
            pages
                .fetch(&order, &mut |items| {
                    feed(&mut index, None, items, &mut slot_of_pos);
                    Ok(())
                })
                .unwrap();
            compute(
                &pages,
                &mut Metas::of(&articles, false),
                prepared,
                &mut index,
                &slot_of_pos,
                &config,
            )
            .unwrap()
        };
        let memory = run(None, false);
        assert!(memory.iter().any(|p| p.kind == "phrase"), "{memory:#?}");
        assert_eq!(run(Some(64), false), memory);
        // A filter of all ones takes every n-gram for a repeated one (all
        // false positives): the points stay the same.
        assert_eq!(run(None, true), memory);
        assert_eq!(run(Some(64), true), memory);
        assert_eq!(talking_points_in_memory(&articles, &[], &config), memory);
    }
}
