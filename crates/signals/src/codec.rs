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
    /// The values of [`Writer::u64s`] without their count in front (for
    /// an array written in parts).
    #[cfg_attr(not(feature = "store"), allow(dead_code))] // a spooled index (`derived.rs`)
    pub(crate) fn u64s_body(&mut self, v: &[u64]) {
        for c in v.chunks(ITEMS_AT_A_TIME) {
            self.buf.reserve(c.len() * 8);
            for &x in c {
                self.u64(x);
            }
            self.spill();
        }
    }
    /// The values of [`Writer::u32s`] without their count in front.
    pub(crate) fn u32s_body(&mut self, v: &[u32]) {
        for c in v.chunks(ITEMS_AT_A_TIME) {
            self.buf.reserve(c.len() * 4);
            for &x in c {
                self.u32(x);
            }
            self.spill();
        }
    }
    /// Makes a streaming writer fail with `e` (what it was given to write
    /// could not be read); a writer that is not streaming has no error.
    pub(crate) fn fail(&mut self, e: std::io::Error) {
        if let Some(s) = &mut self.stream {
            s.error.get_or_insert(e);
        }
    }
    /// [`Writer::u64s`] of the `n` values of `v` (the same bytes), for
    /// values that are not held in one slice.
    #[cfg_attr(not(feature = "store"), allow(dead_code))] // the state file (`derived.rs`)
    pub(crate) fn u64s_from(&mut self, n: usize, v: impl Iterator<Item = u64>) {
        self.usize(n);
        let mut k = 0;
        for x in v.take(n) {
            self.u64(x);
            k += 1;
            if k % ITEMS_AT_A_TIME == 0 {
                self.spill();
            }
        }
        // Fewer values than said: zeros, so the length stays true.
        for _ in k..n {
            self.u64(0);
        }
        self.spill();
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

/// Little-endian decoder over a byte slice, or ([`Reader::streaming`])
/// over a file read a [`CHUNK`] at a time with its [`Checksum`], so a
/// large state is never held whole (365 MB at a million generated
/// articles, read whole before session 9).
pub(crate) struct Reader<'a> {
    buf: &'a [u8],
    stream: Option<StreamIn<'a>>,
}

struct StreamIn<'a> {
    src: &'a mut dyn std::io::Read,
    /// Bytes still to pull from `src`.
    left: u64,
    /// The current chunk and how much of it was read.
    block: Vec<u8>,
    at: usize,
    sum: Checksum,
    /// The first read error (then every read returns `None`).
    error: Option<std::io::Error>,
}

impl StreamIn<'_> {
    fn available(&self) -> u64 {
        (self.block.len() - self.at) as u64 + self.left
    }

    /// The next chunk into `block` (after the current one is used up).
    fn pull(&mut self) -> Option<()> {
        if self.left == 0 || self.error.is_some() {
            return None;
        }
        let n = (CHUNK as u64).min(self.left) as usize;
        self.block.resize(n, 0);
        if let Err(e) = self.src.read_exact(&mut self.block) {
            self.error = Some(e);
            return None;
        }
        self.left -= n as u64;
        self.at = 0;
        self.sum.add(&self.block);
        Some(())
    }

    /// Copies the next `out.len()` bytes into `out`.
    fn copy(&mut self, out: &mut [u8]) -> Option<()> {
        if (out.len() as u64) > self.available() {
            return None;
        }
        let mut done = 0;
        while done < out.len() {
            if self.at == self.block.len() {
                self.pull()?;
            }
            let k = (out.len() - done).min(self.block.len() - self.at);
            out[done..done + k].copy_from_slice(&self.block[self.at..self.at + k]);
            self.at += k;
            done += k;
        }
        Some(())
    }
}

/// Items decoded from one piece of a streaming read at a time.
const ITEMS_READ_AT_A_TIME: usize = 1 << 14;

impl<'a> Reader<'a> {
    pub(crate) fn new(buf: &'a [u8]) -> Self {
        Reader { buf, stream: None }
    }

    /// A reader of the next `len` bytes of `src`, read a [`CHUNK`] at a
    /// time; [`Reader::checksum`] gives their [`Checksum`].
    #[cfg_attr(not(feature = "store"), allow(dead_code))] // the state file (`derived.rs`)
    pub(crate) fn streaming(src: &'a mut dyn std::io::Read, len: u64) -> Self {
        Reader {
            buf: &[],
            stream: Some(StreamIn {
                src,
                left: len,
                block: Vec::new(),
                at: 0,
                sum: Checksum::default(),
                error: None,
            }),
        }
    }

    /// Bytes not read yet.
    fn available(&self) -> u64 {
        match &self.stream {
            Some(s) => s.available(),
            None => self.buf.len() as u64,
        }
    }

    /// The next `n` bytes (borrowed from a slice, copied from a stream).
    fn take(&mut self, n: usize) -> Option<std::borrow::Cow<'a, [u8]>> {
        if let Some(s) = &mut self.stream {
            let mut out = vec![0u8; n];
            s.copy(&mut out)?;
            return Some(std::borrow::Cow::Owned(out));
        }
        if n > self.buf.len() {
            return None;
        }
        let (a, b) = self.buf.split_at(n);
        self.buf = b;
        Some(std::borrow::Cow::Borrowed(a))
    }

    fn fixed<const N: usize>(&mut self) -> Option<[u8; N]> {
        let mut x = [0u8; N];
        match &mut self.stream {
            Some(s) => s.copy(&mut x)?,
            None => x.copy_from_slice(&self.take(N)?),
        }
        Some(x)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.available() == 0
    }

    /// Reads what is left of a streaming reader and gives the checksum of
    /// all its bytes (`None`: a read failed; a slice reader gives the
    /// checksum of what is left).
    #[cfg_attr(not(feature = "store"), allow(dead_code))] // the state file (`derived.rs`)
    pub(crate) fn checksum(mut self) -> Option<u64> {
        let Some(s) = &mut self.stream else {
            return Some(Checksum::of(self.buf));
        };
        s.at = s.block.len();
        while s.left > 0 {
            s.pull()?;
        }
        s.error.is_none().then(|| s.sum.finish())
    }

    /// The next `n` bytes as written by [`Writer::raw`].
    #[cfg_attr(not(feature = "store"), allow(dead_code))] // the state file (`derived.rs`)
    pub(crate) fn raw(&mut self, n: usize) -> Option<std::borrow::Cow<'a, [u8]>> {
        self.take(n)
    }
    pub(crate) fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.fixed::<4>()?))
    }
    pub(crate) fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.fixed::<8>()?))
    }
    pub(crate) fn usize(&mut self) -> Option<usize> {
        usize::try_from(self.u64()?).ok()
    }
    /// A length of items of `size` bytes each that fits in what is left.
    fn len(&mut self, size: usize) -> Option<usize> {
        let n = self.usize()?;
        (n.checked_mul(size)? as u64 <= self.available()).then_some(n)
    }
    pub(crate) fn bytes(&mut self) -> Option<std::borrow::Cow<'a, [u8]>> {
        let n = self.len(1)?;
        self.take(n)
    }
    pub(crate) fn string(&mut self) -> Option<String> {
        String::from_utf8(self.bytes()?.into_owned()).ok()
    }
    /// `n` items of `size` bytes each, decoded by `item` (a piece of
    /// [`ITEMS_READ_AT_A_TIME`] at a time, so a stream copies no more).
    fn items<T>(&mut self, size: usize, item: impl Fn(&[u8]) -> T) -> Option<Vec<T>> {
        let n = self.len(size)?;
        let mut out = Vec::with_capacity(n);
        let mut left = n;
        while left > 0 {
            let k = left.min(ITEMS_READ_AT_A_TIME);
            let raw = self.take(k * size)?;
            out.extend(raw.chunks_exact(size).map(&item));
            left -= k;
        }
        Some(out)
    }
    pub(crate) fn u32s(&mut self) -> Option<Vec<u32>> {
        self.items(4, |c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
    }
    pub(crate) fn u64s(&mut self) -> Option<Vec<u64>> {
        self.items(8, |c| u64::from_le_bytes(c.try_into().unwrap_or([0; 8])))
    }
    pub(crate) fn pairs(&mut self) -> Option<Vec<(u32, u32)>> {
        self.items(8, |c| {
            (
                u32::from_le_bytes([c[0], c[1], c[2], c[3]]),
                u32::from_le_bytes([c[4], c[5], c[6], c[7]]),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn u64s_from_an_iterator_writes_the_bytes_of_the_slice() {
        let v: Vec<u64> = (0..(3 * ITEMS_AT_A_TIME as u64 + 5))
            .map(|x| x * 7919)
            .collect();
        for n in [0, 1, 5, ITEMS_AT_A_TIME, v.len()] {
            let (mut a, mut b) = (Vec::new(), Vec::new());
            let mut wa = Writer::streaming(&mut a);
            wa.u64s(&v[..n]);
            let sa = wa.finish().unwrap();
            let mut wb = Writer::streaming(&mut b);
            wb.u64s_from(n, v.iter().copied());
            let sb = wb.finish().unwrap();
            assert_eq!((a, sa), (b, sb), "{n}");
        }
    }

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

    type Values = (u32, String, Vec<u64>, Vec<u32>, Vec<(u32, u32)>);

    fn read_all(r: &mut Reader) -> Option<Values> {
        assert_eq!(&*r.raw(5)?, b"MAGIC");
        let v = (r.u32()?, r.string()?, r.u64s()?, r.u32s()?, r.pairs()?);
        assert_eq!(&*r.bytes()?, &[9u8; 5]);
        Some(v)
    }

    #[test]
    fn a_streaming_reader_reads_what_a_slice_reader_reads_with_the_checksum() {
        let mut w = Writer::default();
        write_all(&mut w);
        let bytes = w.buf;
        let mut slice = Reader::new(&bytes);
        let want = read_all(&mut slice).unwrap();
        assert!(slice.is_empty());
        let mut src: &[u8] = &bytes;
        let mut stream = Reader::streaming(&mut src, bytes.len() as u64);
        assert_eq!(read_all(&mut stream).unwrap(), want);
        assert!(stream.is_empty());
        assert_eq!(stream.checksum(), Some(Checksum::of(&bytes)));
        // The checksum of a stream read in part covers the rest too.
        let mut src: &[u8] = &bytes;
        let mut part = Reader::streaming(&mut src, bytes.len() as u64);
        assert_eq!(part.u32(), Some(u32::from_le_bytes(*b"MAGI")));
        assert_eq!(part.checksum(), Some(Checksum::of(&bytes)));
        // Shorter than said: reads fail, no checksum.
        let mut src: &[u8] = &bytes[..3 * CHUNK];
        let mut short = Reader::streaming(&mut src, bytes.len() as u64);
        assert!(read_all(&mut short).is_none());
        assert_eq!(short.checksum(), None);
        // A length past the end.
        let mut huge = Writer::default();
        huge.u64(u64::MAX / 2);
        let mut src: &[u8] = &huge.buf;
        assert_eq!(Reader::streaming(&mut src, 8).u32s(), None);
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
