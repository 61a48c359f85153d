//! A small little-endian binary encoding for the saved index state
//! (arrays of integers dominate it; JSON would be several times larger and
//! slower to read). [`Reader`] never panics on short or damaged input: every
//! read returns `None` past the end or on an implausible length.

/// The bytes a checksum is taken over at a time ([`Checksum`]) and the
/// unit a streaming [`Writer`] passes on (1 MiB).
pub(crate) const CHUNK: usize = 1 << 20;

/// A checksum of a byte stream: FxHash over its consecutive [`CHUNK`]-byte
/// pieces (the last one shorter), so it can be taken while the bytes are
/// written out and again over the whole file read back.
#[derive(Default)]
pub(crate) struct Checksum(rustc_hash::FxHasher);

impl Checksum {
    /// Adds `bytes`, which must be whole chunks unless they are the last.
    fn add(&mut self, bytes: &[u8]) {
        use std::hash::Hasher;
        for c in bytes.chunks(CHUNK) {
            self.0.write(c);
        }
    }

    #[cfg_attr(not(feature = "store"), allow(dead_code))] // the state file (`derived.rs`)
    pub(crate) fn of(bytes: &[u8]) -> u64 {
        let mut c = Checksum::default();
        c.add(bytes);
        c.finish()
    }

    #[cfg_attr(not(feature = "store"), allow(dead_code))] // the state file (`derived.rs`)
    fn finish(&self) -> u64 {
        std::hash::Hasher::finish(&self.0)
    }
}

/// Little-endian encoder. By default the bytes collect in `buf`; made with
/// [`Writer::streaming`] they are passed on to a sink a [`CHUNK`] at a time
/// (with their [`Checksum`]), so a large state never sits whole in memory.
#[derive(Default)]
pub(crate) struct Writer<'a> {
    pub(crate) buf: Vec<u8>,
    stream: Option<Stream<'a>>,
}

struct Stream<'a> {
    out: &'a mut dyn std::io::Write,
    sum: Checksum,
    /// The first write error; later bytes are dropped.
    error: Option<std::io::Error>,
}

/// Items of an array written between two checks for a full chunk.
const ITEMS_AT_A_TIME: usize = 1 << 16;

impl<'a> Writer<'a> {
    /// A writer passing its bytes on to `out`; [`Writer::finish`] writes
    /// the rest and gives the checksum of everything written.
    #[cfg_attr(not(feature = "store"), allow(dead_code))] // the state file (`derived.rs`)
    pub(crate) fn streaming(out: &'a mut dyn std::io::Write) -> Writer<'a> {
        Writer {
            buf: Vec::with_capacity(2 * CHUNK),
            stream: Some(Stream {
                out,
                sum: Checksum::default(),
                error: None,
            }),
        }
    }

    /// Passes the whole chunks of `buf` on (streaming writers only).
    fn spill(&mut self) {
        let Some(s) = &mut self.stream else {
            return;
        };
        let whole = self.buf.len() / CHUNK * CHUNK;
        if whole == 0 {
            return;
        }
        s.sum.add(&self.buf[..whole]);
        if s.error.is_none() {
            if let Err(e) = s.out.write_all(&self.buf[..whole]) {
                s.error = Some(e);
            }
        }
        self.buf.drain(..whole);
    }

    /// Writes what is left and returns the checksum of all the bytes
    /// written (a writer that is not streaming gives the checksum of `buf`).
    #[cfg_attr(not(feature = "store"), allow(dead_code))] // the state file (`derived.rs`)
    pub(crate) fn finish(mut self) -> std::io::Result<u64> {
        let Some(mut s) = self.stream.take() else {
            return Ok(Checksum::of(&self.buf));
        };
        s.sum.add(&self.buf);
        if let Some(e) = s.error {
            return Err(e);
        }
        s.out.write_all(&self.buf)?;
        Ok(s.sum.finish())
    }

    pub(crate) fn raw(&mut self, b: &[u8]) {
        self.buf.extend_from_slice(b);
        self.spill();
    }
    pub(crate) fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn usize(&mut self, v: usize) {
        self.u64(v as u64);
    }
    pub(crate) fn bytes(&mut self, b: &[u8]) {
        self.usize(b.len());
        for c in b.chunks(CHUNK) {
            self.raw(c);
        }
    }
    pub(crate) fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }
    pub(crate) fn u32s(&mut self, v: &[u32]) {
        self.usize(v.len());
        for c in v.chunks(ITEMS_AT_A_TIME) {
            self.buf.reserve(c.len() * 4);
            for &x in c {
                self.u32(x);
            }
            self.spill();
        }
    }
    pub(crate) fn u64s(&mut self, v: &[u64]) {
        self.usize(v.len());
        for c in v.chunks(ITEMS_AT_A_TIME) {
            self.buf.reserve(c.len() * 8);
            for &x in c {
                self.u64(x);
            }
            self.spill();
        }
    }
    pub(crate) fn pairs(&mut self, v: &[(u32, u32)]) {
        self.usize(v.len());
        for c in v.chunks(ITEMS_AT_A_TIME) {
            self.buf.reserve(c.len() * 8);
            for &(a, b) in c {
                self.u32(a);
                self.u32(b);
            }
            self.spill();
        }
    }
}

pub(crate) struct Reader<'a> {
    buf: &'a [u8],
}

impl<'a> Reader<'a> {
    pub(crate) fn new(buf: &'a [u8]) -> Self {
        Reader { buf }
    }
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.buf.len() {
            return None;
        }
        let (a, b) = self.buf.split_at(n);
        self.buf = b;
        Some(a)
    }
    pub(crate) fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }
    /// Everything not read yet.
    #[cfg_attr(not(feature = "store"), allow(dead_code))] // the state file (`derived.rs`)
    pub(crate) fn rest(&mut self) -> &'a [u8] {
        std::mem::take(&mut self.buf)
    }
    pub(crate) fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    pub(crate) fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    pub(crate) fn usize(&mut self) -> Option<usize> {
        usize::try_from(self.u64()?).ok()
    }
    /// A length of items of `size` bytes each that fits in what is left.
    fn len(&mut self, size: usize) -> Option<usize> {
        let n = self.usize()?;
        (n.checked_mul(size)? <= self.buf.len()).then_some(n)
    }
    pub(crate) fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.len(1)?;
        self.take(n)
    }
    pub(crate) fn string(&mut self) -> Option<String> {
        String::from_utf8(self.bytes()?.to_vec()).ok()
    }
    pub(crate) fn u32s(&mut self) -> Option<Vec<u32>> {
        let n = self.len(4)?;
        let raw = self.take(n * 4)?;
        Some(
            raw.chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        )
    }
    pub(crate) fn u64s(&mut self) -> Option<Vec<u64>> {
        let n = self.len(8)?;
        let raw = self.take(n * 8)?;
        Some(
            raw.chunks_exact(8)
                .map(|c| u64::from_le_bytes(c.try_into().unwrap_or([0; 8])))
                .collect(),
        )
    }
    pub(crate) fn pairs(&mut self) -> Option<Vec<(u32, u32)>> {
        let n = self.len(8)?;
        let raw = self.take(n * 8)?;
        Some(
            raw.chunks_exact(8)
                .map(|c| {
                    (
                        u32::from_le_bytes([c[0], c[1], c[2], c[3]]),
                        u32::from_le_bytes([c[4], c[5], c[6], c[7]]),
                    )
                })
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_and_short_input_reads_none() {
        let mut w = Writer::default();
        w.u32(7);
        w.str("héllo");
        w.u32s(&[1, 2, 3]);
        w.u64s(&[u64::MAX]);
        w.pairs(&[(4, 5)]);
        let mut r = Reader::new(&w.buf);
        assert_eq!(r.u32(), Some(7));
        assert_eq!(r.string().as_deref(), Some("héllo"));
        assert_eq!(r.u32s(), Some(vec![1, 2, 3]));
        assert_eq!(r.u64s(), Some(vec![u64::MAX]));
        assert_eq!(r.pairs(), Some(vec![(4, 5)]));
        assert!(r.is_empty());
        // Truncated, and a length larger than the input.
        let mut r = Reader::new(&w.buf[..6]);
        r.u32();
        assert_eq!(r.string(), None);
        let mut huge = Writer::default();
        huge.u64(u64::MAX);
        assert_eq!(Reader::new(&huge.buf).u32s(), None);
    }

    fn write_all(w: &mut Writer) {
        w.raw(b"MAGIC");
        w.u32(7);
        w.str(&"long text ".repeat(300_000)); // 3 MB: several chunks
        let big: Vec<u64> = (0..400_000u64)
            .map(|x| x.wrapping_mul(0x9E37_79B9))
            .collect();
        w.u64s(&big);
        let small: Vec<u32> = (0..300_001u32).collect();
        w.u32s(&small);
        w.pairs(&[(1, 2); 70_000]);
        w.bytes(&[9u8; 5]);
    }

    #[test]
    fn a_streaming_writer_writes_the_same_bytes_and_checksum() {
        let mut whole = Writer::default();
        write_all(&mut whole);
        let bytes = whole.buf.clone();
        let sum = whole.finish().unwrap();
        assert_eq!(sum, Checksum::of(&bytes));
        assert!(bytes.len() > 5 * CHUNK);
        let mut out: Vec<u8> = Vec::new();
        let mut w = Writer::streaming(&mut out);
        write_all(&mut w);
        // Never more than about two chunks held.
        assert!(w.buf.len() < 2 * CHUNK);
        let streamed_sum = w.finish().unwrap();
        assert_eq!(out, bytes);
        assert_eq!(streamed_sum, sum);
        // A different byte, a different checksum.
        let mut other = bytes.clone();
        other[CHUNK + 3] ^= 1;
        assert_ne!(Checksum::of(&other), sum);
    }

    #[test]
    fn a_streaming_writer_reports_the_sinks_error() {
        struct Full;
        impl std::io::Write for Full {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::Error::other("disk full"))
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let mut sink = Full;
        let mut w = Writer::streaming(&mut sink);
        write_all(&mut w);
        assert!(w.finish().is_err());
    }
}
