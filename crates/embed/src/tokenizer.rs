//! `PieceTokenizer`: a SentencePiece unigram tokenizer read straight from the
//! model's protobuf file, with the `nmt_nfkc` precompiled character map.
//!
//! It reproduces the tokenisation used by the reference implementation of the
//! packaged model (a pure-Python port of SentencePiece): the same normaliser
//! walk over the darts-clone double array, the same whitespace rules (dummy
//! prefix, `▁` for spaces, collapsed and trimmed spaces) and the same Viterbi
//! search with its tie-breaking (strictly better scores win; among equal
//! scores the earliest starting piece). Like the reference, every piece of the
//! vocabulary can match text, control symbols included.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::EmbedError;

/// Id of `<unk>`.
pub const UNK_ID: u32 = 0;
/// Id of `<s>`, put before every sentence.
pub const BOS_ID: u32 = 1;
/// Id of `</s>`, put after every sentence.
pub const EOS_ID: u32 = 2;

/// Marks a trie node that ends no piece.
const NO_PIECE: u32 = u32::MAX;
/// Score gap below the worst piece that an unknown character costs.
const UNK_PENALTY: f64 = 10.0;
/// The escaped space, U+2581.
const SPACE_SYMBOL: &str = "\u{2581}";

/// SentencePiece unigram tokenizer (normaliser + Viterbi segmentation).
#[derive(Debug)]
pub struct PieceTokenizer {
    /// Score of each piece, by id.
    scores: Vec<f32>,
    /// Byte trie over the pieces, see [`Trie`].
    trie: Trie,
    /// Piece id that ends at each trie node, or `NO_PIECE`.
    node_piece: Vec<u32>,
    unk_score: f64,
    normalizer: Normalizer,
}

/// Reusable buffers for one tokenisation, so a caller that tokenises many
/// texts allocates once.
#[derive(Debug, Default)]
pub struct TokenizerScratch {
    normalized: String,
    best: Vec<f64>,
    start_of: Vec<u32>,
    piece_of: Vec<u32>,
    rev: Vec<u32>,
}

impl PieceTokenizer {
    /// Parses a SentencePiece `.model` file (a serialised `ModelProto`).
    pub fn from_model_bytes(data: &[u8]) -> Result<Self, String> {
        let mut pieces: Vec<(Vec<u8>, f32)> = Vec::new();
        let mut charsmap: Option<&[u8]> = None;
        let mut flags = NormalizerFlags::default();
        for field in Fields::new(data) {
            let field = field?;
            match (field.number, field.value) {
                (1, Value::Bytes(piece)) => {
                    let mut text: Option<&[u8]> = None;
                    let mut score = 0.0f32;
                    for f in Fields::new(piece) {
                        match f? {
                            Field {
                                number: 1,
                                value: Value::Bytes(b),
                            } => text = Some(b),
                            Field {
                                number: 2,
                                value: Value::Fixed32(bits),
                            } => score = f32::from_bits(bits),
                            _ => {}
                        }
                    }
                    let text = text.ok_or("a piece without text")?;
                    if std::str::from_utf8(text).is_err() {
                        return Err(format!("piece {} is not UTF-8", pieces.len()));
                    }
                    pieces.push((text.to_vec(), score));
                }
                (3, Value::Bytes(spec)) => {
                    for f in Fields::new(spec) {
                        match f? {
                            Field {
                                number: 2,
                                value: Value::Bytes(b),
                            } => charsmap = Some(b),
                            Field {
                                number: 3,
                                value: Value::Varint(v),
                            } => flags.add_dummy_prefix = v != 0,
                            Field {
                                number: 4,
                                value: Value::Varint(v),
                            } => flags.remove_extra_whitespaces = v != 0,
                            Field {
                                number: 5,
                                value: Value::Varint(v),
                            } => flags.escape_whitespaces = v != 0,
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        if pieces.len() <= EOS_ID as usize {
            return Err(format!("only {} pieces", pieces.len()));
        }
        let normalizer = Normalizer::new(charsmap.unwrap_or(&[]), flags)?;

        let min_score = pieces.iter().map(|(_, s)| *s).fold(f32::INFINITY, f32::min);
        let mut edges: HashMap<(u32, u8), u32, BuildHasherDefault<PairHasher>> =
            HashMap::with_capacity_and_hasher(pieces.len() * 4, Default::default());
        let mut node_piece = vec![NO_PIECE];
        let mut scores = Vec::with_capacity(pieces.len());
        for (id, (text, score)) in pieces.iter().enumerate() {
            let mut node = 0u32;
            for &b in text {
                let next = node_piece.len() as u32;
                node = *edges.entry((node, b)).or_insert_with(|| {
                    node_piece.push(NO_PIECE);
                    next
                });
            }
            // A piece text that occurs twice maps to its later id, as in the
            // reference (a dict filled in id order).
            if node != 0 {
                node_piece[node as usize] = id as u32;
            }
            scores.push(*score);
        }
        Ok(Self {
            scores,
            trie: Trie::new(&edges, node_piece.len()),
            node_piece,
            unk_score: f64::from(min_score) - UNK_PENALTY,
            normalizer,
        })
    }

    /// Number of pieces in the vocabulary.
    pub fn vocab_size(&self) -> usize {
        self.scores.len()
    }

    /// Unigram score (log probability) of piece `id`; 0 for an unknown id.
    pub fn score(&self, id: u32) -> f32 {
        self.scores.get(id as usize).copied().unwrap_or(0.0)
    }

    /// Tokenises `text` into piece ids with `<s>` first and `</s>` last.
    pub fn encode(&self, text: &str) -> Vec<u32> {
        let mut out = Vec::new();
        self.encode_into(text, &mut TokenizerScratch::default(), &mut out);
        out
    }

    /// Appends the ids of `text` (with `<s>` and `</s>`) to `out`, using
    /// `scratch` for the intermediate buffers.
    pub fn encode_into(&self, text: &str, scratch: &mut TokenizerScratch, out: &mut Vec<u32>) {
        out.push(BOS_ID);
        self.normalizer.normalize(text, &mut scratch.normalized);
        if scratch.normalized.is_empty() {
            out.push(UNK_ID);
        } else {
            self.viterbi(scratch, out);
        }
        out.push(EOS_ID);
    }

    /// Normalises `text` the way the tokenizer sees it (spaces as `▁`).
    pub fn normalize(&self, text: &str) -> String {
        let mut s = String::new();
        self.normalizer.normalize(text, &mut s);
        s
    }

    fn viterbi(&self, scratch: &mut TokenizerScratch, out: &mut Vec<u32>) {
        let TokenizerScratch {
            normalized,
            best,
            start_of,
            piece_of,
            rev,
        } = scratch;
        let s = normalized.as_bytes();
        let n = s.len();
        best.clear();
        best.resize(n + 1, f64::NEG_INFINITY);
        best[0] = 0.0;
        start_of.clear();
        start_of.resize(n + 1, 0);
        piece_of.clear();
        piece_of.resize(n + 1, UNK_ID);

        let mut i = 0;
        while i < n {
            let char_len = utf8_len(s[i]);
            let base = best[i];
            let mut has_single = false;
            let mut node = 0u32;
            for (j, &b) in s.iter().enumerate().skip(i) {
                match self.trie.child(node, b) {
                    Some(next) => node = next,
                    None => break,
                }
                let id = self.node_piece[node as usize];
                if id != NO_PIECE {
                    let end = j + 1;
                    let score = base + f64::from(self.scores[id as usize]);
                    if score > best[end] {
                        best[end] = score;
                        start_of[end] = i as u32;
                        piece_of[end] = id;
                    }
                    if end == i + char_len {
                        has_single = true;
                    }
                }
            }
            if !has_single {
                let end = i + char_len;
                let score = base + self.unk_score;
                if score > best[end] {
                    best[end] = score;
                    start_of[end] = i as u32;
                    piece_of[end] = UNK_ID;
                }
            }
            i += char_len;
        }

        rev.clear();
        let mut p = n;
        while p > 0 {
            rev.push(piece_of[p]);
            p = start_of[p] as usize;
        }
        out.extend(rev.iter().rev());
    }
}

/// The piece trie in compact form: the root's children in a 256-entry
/// table, every other node's children sorted by byte in one flat array.
#[derive(Debug)]
struct Trie {
    root: Box<[u32; 256]>,
    /// Children of node `n` are at `first[n]..first[n + 1]`.
    first: Vec<u32>,
    child_byte: Vec<u8>,
    child_node: Vec<u32>,
}

impl Trie {
    fn new(edges: &HashMap<(u32, u8), u32, BuildHasherDefault<PairHasher>>, nodes: usize) -> Self {
        let mut root = Box::new([NO_PIECE; 256]);
        let mut sorted: Vec<(u32, u8, u32)> = Vec::with_capacity(edges.len());
        for (&(node, byte), &child) in edges {
            if node == 0 {
                root[byte as usize] = child;
            }
            sorted.push((node, byte, child));
        }
        sorted.sort_unstable();
        let mut first = vec![0u32; nodes + 1];
        for &(node, _, _) in &sorted {
            first[node as usize + 1] += 1;
        }
        for n in 0..nodes {
            first[n + 1] += first[n];
        }
        Self {
            root,
            first,
            child_byte: sorted.iter().map(|e| e.1).collect(),
            child_node: sorted.iter().map(|e| e.2).collect(),
        }
    }

    #[inline]
    fn child(&self, node: u32, byte: u8) -> Option<u32> {
        if node == 0 {
            let c = self.root[byte as usize];
            return (c != NO_PIECE).then_some(c);
        }
        let (lo, hi) = (
            self.first[node as usize] as usize,
            self.first[node as usize + 1] as usize,
        );
        let bytes = &self.child_byte[lo..hi];
        let at = if bytes.len() <= 8 {
            bytes.iter().position(|&b| b == byte)?
        } else {
            bytes.binary_search(&byte).ok()?
        };
        Some(self.child_node[lo + at])
    }
}

/// Byte length of the UTF-8 sequence that starts with `first`.
fn utf8_len(first: u8) -> usize {
    match first {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf7 => 4,
        _ => 1,
    }
}

#[derive(Debug, Clone, Copy)]
struct NormalizerFlags {
    add_dummy_prefix: bool,
    remove_extra_whitespaces: bool,
    escape_whitespaces: bool,
}

impl Default for NormalizerFlags {
    fn default() -> Self {
        Self {
            add_dummy_prefix: true,
            remove_extra_whitespaces: true,
            escape_whitespaces: true,
        }
    }
}

/// The precompiled character map: a darts-clone double array whose leaves
/// index NUL-terminated replacement strings.
#[derive(Debug)]
struct Normalizer {
    units: Vec<u32>,
    replacements: Vec<u8>,
    flags: NormalizerFlags,
}

impl Normalizer {
    fn new(charsmap: &[u8], flags: NormalizerFlags) -> Result<Self, String> {
        if charsmap.is_empty() {
            return Ok(Self {
                units: Vec::new(),
                replacements: Vec::new(),
                flags,
            });
        }
        let size_bytes = charsmap
            .get(..4)
            .ok_or("charsmap shorter than its header")?;
        let trie_size = u32::from_le_bytes(size_bytes.try_into().expect("4 bytes")) as usize;
        let trie = charsmap
            .get(4..4 + trie_size)
            .filter(|t| t.len() % 4 == 0 && !t.is_empty())
            .ok_or("charsmap trie size out of range")?;
        let units = trie
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes(c.try_into().expect("4 bytes")))
            .collect();
        Ok(Self {
            units,
            replacements: charsmap[4 + trie_size..].to_vec(),
            flags,
        })
    }

    /// Longest match of the character map at the start of `data`: the
    /// replacement and the number of input bytes it consumes. Without a match
    /// the first character stands for itself.
    fn normalize_prefix<'a>(&'a self, data: &'a [u8]) -> (&'a [u8], usize) {
        let mut best_len = 0;
        let mut best_value = 0usize;
        if !self.units.is_empty() {
            let units = &self.units;
            let offset = |unit: u32| ((unit >> 10) << ((unit & 0x200) >> 6)) as usize;
            let mut node = offset(units[0]);
            for (k, &c) in data.iter().enumerate() {
                node ^= c as usize;
                let Some(&unit) = units.get(node) else { break };
                if unit & 0x8000_00ff != u32::from(c) {
                    break;
                }
                node ^= offset(unit);
                if unit & 0x100 != 0 {
                    let Some(&leaf) = units.get(node) else { break };
                    best_len = k + 1;
                    best_value = (leaf & 0x7fff_ffff) as usize;
                }
            }
        }
        if best_len == 0 || best_value >= self.replacements.len() {
            let len = utf8_len(data[0]).min(data.len());
            return (&data[..len], len);
        }
        let rest = &self.replacements[best_value..];
        let end = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
        (&rest[..end], best_len)
    }

    fn normalize(&self, text: &str, out: &mut String) {
        out.clear();
        let raw = text.as_bytes();
        let n = raw.len();
        let strip = self.flags.remove_extra_whitespaces;
        let space: &[u8] = if self.flags.escape_whitespaces {
            SPACE_SYMBOL.as_bytes()
        } else {
            b" "
        };
        let mut pos = 0;
        if strip {
            while pos < n {
                let (p, adv) = self.normalize_prefix(&raw[pos..]);
                if p != b" " {
                    break;
                }
                pos += adv;
            }
        }
        if pos >= n {
            return;
        }
        let mut buf: Vec<u8> = std::mem::take(out).into_bytes();
        if self.flags.add_dummy_prefix {
            buf.extend_from_slice(space);
        }
        let mut prev_space = strip;
        while pos < n {
            let (mut p, adv) = self.normalize_prefix(&raw[pos..]);
            pos += adv;
            if strip && prev_space {
                while let [b' ', rest @ ..] = p {
                    p = rest;
                }
            }
            if let Some(&last) = p.last() {
                for &b in p {
                    if b == b' ' {
                        buf.extend_from_slice(space);
                    } else {
                        buf.push(b);
                    }
                }
                prev_space = last == b' ';
            }
        }
        if strip {
            while buf.ends_with(space) {
                buf.truncate(buf.len() - space.len());
            }
        }
        // Replacements from the map are UTF-8 in a well-formed model; a broken
        // one is repaired rather than trusted.
        *out = match String::from_utf8(buf) {
            Ok(s) => s,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        };
    }
}

/// FxHash-style hasher for the (node, byte) trie keys.
#[derive(Default, Clone, Copy)]
struct PairHasher(u64);

impl Hasher for PairHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.write_u64(u64::from(i));
    }
    fn write_u32(&mut self, i: u32) {
        self.write_u64(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// One protobuf field: its number and value.
struct Field<'a> {
    number: u64,
    value: Value<'a>,
}

enum Value<'a> {
    Varint(u64),
    Fixed64,
    Bytes(&'a [u8]),
    Fixed32(u32),
}

/// Iterator over the fields of one protobuf message.
struct Fields<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Fields<'a> {
    fn new(data: &'a [u8]) -> Self {
        Self { data, pos: 0 }
    }

    fn varint(&mut self) -> Result<u64, String> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let b = *self
                .data
                .get(self.pos)
                .ok_or("truncated varint in the model file")?;
            self.pos += 1;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err("varint longer than 10 bytes in the model file".into())
    }

    fn take(&mut self, len: usize) -> Result<&'a [u8], String> {
        let end = self
            .pos
            .checked_add(len)
            .filter(|&e| e <= self.data.len())
            .ok_or("field runs past the end of the model file")?;
        let bytes = &self.data[self.pos..end];
        self.pos = end;
        Ok(bytes)
    }
}

impl<'a> Iterator for Fields<'a> {
    type Item = Result<Field<'a>, String>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.pos >= self.data.len() {
            return None;
        }
        let result = (|| {
            let tag = self.varint()?;
            let number = tag >> 3;
            let value = match tag & 7 {
                0 => Value::Varint(self.varint()?),
                1 => {
                    self.take(8)?;
                    Value::Fixed64
                }
                2 => {
                    let len = usize::try_from(self.varint()?).map_err(|e| e.to_string())?;
                    Value::Bytes(self.take(len)?)
                }
                5 => {
                    let b = self.take(4)?;
                    Value::Fixed32(u32::from_le_bytes(b.try_into().expect("4 bytes")))
                }
                w => return Err(format!("unsupported protobuf wire type {w}")),
            };
            Ok(Field { number, value })
        })();
        if result.is_err() {
            self.pos = self.data.len();
        }
        Some(result)
    }
}

impl PieceTokenizer {
    /// Reads and parses a SentencePiece model file.
    pub fn open(path: &std::path::Path) -> Result<Self, EmbedError> {
        let data = std::fs::read(path).map_err(|source| EmbedError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Self::from_model_bytes(&data).map_err(|reason| EmbedError::BadModel {
            path: path.to_path_buf(),
            reason,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Encodes a protobuf varint.
    fn varint(mut v: u64, out: &mut Vec<u8>) {
        loop {
            let b = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                out.push(b);
                return;
            }
            out.push(b | 0x80);
        }
    }

    fn bytes_field(number: u64, payload: &[u8], out: &mut Vec<u8>) {
        varint(number << 3 | 2, out);
        varint(payload.len() as u64, out);
        out.extend_from_slice(payload);
    }

    /// A model with the given pieces and no character map.
    fn model(pieces: &[(&str, f32)]) -> PieceTokenizer {
        let mut data = Vec::new();
        for (text, score) in pieces {
            let mut p = Vec::new();
            bytes_field(1, text.as_bytes(), &mut p);
            varint(2 << 3 | 5, &mut p);
            p.extend_from_slice(&score.to_le_bytes());
            bytes_field(1, &p, &mut data);
        }
        PieceTokenizer::from_model_bytes(&data).unwrap()
    }

    fn small() -> PieceTokenizer {
        model(&[
            ("<unk>", 0.0),
            ("<s>", 0.0),
            ("</s>", 0.0),
            ("▁", -2.0),
            ("a", -3.0),
            ("b", -3.0),
            ("ab", -4.0),
            ("▁ab", -4.5),
            ("▁a", -3.5),
            ("c", -3.0),
        ])
    }

    #[test]
    fn empty_and_blank_text_give_unk() {
        let t = small();
        assert_eq!(t.encode(""), vec![BOS_ID, UNK_ID, EOS_ID]);
        // (this toy model has no character map, so only plain spaces are blank)
        assert_eq!(t.encode("    "), vec![BOS_ID, UNK_ID, EOS_ID]);
    }

    #[test]
    fn viterbi_picks_the_best_segmentation() {
        let t = small();
        // "▁ab" as one piece (-4.5) beats "▁a"+"b" (-6.5).
        assert_eq!(t.encode("ab"), vec![BOS_ID, 7, EOS_ID]);
        // spaces collapse and trim
        assert_eq!(t.encode("  ab   ab  "), vec![BOS_ID, 7, 7, EOS_ID]);
        assert_eq!(t.normalize("  ab   c "), "▁ab▁c");
    }

    #[test]
    fn unknown_characters_become_one_unk_each() {
        let t = small();
        // "▁" + two unknown chars + "c"
        assert_eq!(t.encode("😀é c"), vec![BOS_ID, 3, 0, 0, 3, 9, EOS_ID]);
    }

    #[test]
    fn long_and_mixed_text_does_not_panic() {
        let t = small();
        let long = "ab c Привет हिन्दी 😀 ".repeat(5000);
        let ids = t.encode(&long);
        assert!(ids.len() > 10_000);
        assert_eq!(ids[0], BOS_ID);
        assert_eq!(*ids.last().unwrap(), EOS_ID);
    }

    #[test]
    fn broken_model_files_are_errors() {
        assert!(PieceTokenizer::from_model_bytes(&[0x0a, 0x05, 0x01]).is_err());
        assert!(PieceTokenizer::from_model_bytes(&[0xff; 12]).is_err());
        assert!(PieceTokenizer::from_model_bytes(&[]).is_err());
    }
}
