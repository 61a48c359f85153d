//! A small little-endian binary encoding for the saved index state
//! (arrays of integers dominate it; JSON would be several times larger and
//! slower to read). [`Reader`] never panics on short or damaged input: every
//! read returns `None` past the end or on an implausible length.

#[derive(Default)]
pub(crate) struct Writer {
    pub(crate) buf: Vec<u8>,
}

impl Writer {
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
        self.buf.extend_from_slice(b);
    }
    pub(crate) fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }
    pub(crate) fn u32s(&mut self, v: &[u32]) {
        self.usize(v.len());
        self.buf.reserve(v.len() * 4);
        for &x in v {
            self.u32(x);
        }
    }
    pub(crate) fn u64s(&mut self, v: &[u64]) {
        self.usize(v.len());
        self.buf.reserve(v.len() * 8);
        for &x in v {
            self.u64(x);
        }
    }
    pub(crate) fn pairs(&mut self, v: &[(u32, u32)]) {
        self.usize(v.len());
        self.buf.reserve(v.len() * 8);
        for &(a, b) in v {
            self.u32(a);
            self.u32(b);
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
}
