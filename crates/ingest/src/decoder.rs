//! Bytes to text: gzip, byte-order marks, UTF-8, detected legacy encodings,
//! and the refusal of binary data.

use crate::IngestError;
use encoding_rs::Encoding;
use std::io::Read;

/// Decoded text and the encoding it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Bytes scanned for signs of binary data.
const SNIFF_LEN: usize = 64 * 1024;

/// Decompresses gzip data (if `bytes` starts with the gzip magic), refusing
/// output over `limit` bytes so a small bomb cannot exhaust memory.
pub(crate) fn gunzip_if_needed(
    bytes: Vec<u8>,
    label: &str,
    limit: u64,
) -> Result<Vec<u8>, IngestError> {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(bytes);
    }
    let mut out = Vec::with_capacity(bytes.len() * 4);
    let decoder = flate2::read::MultiGzDecoder::new(bytes.as_slice());
    decoder
        .take(limit + 1)
        .read_to_end(&mut out)
        .map_err(|source| IngestError::Gzip {
            path: label.to_string(),
            source,
        })?;
    if out.len() as u64 > limit {
        return Err(IngestError::TooLarge {
            path: label.to_string(),
            size: out.len() as u64,
            limit,
        });
    }
    Ok(out)
}

/// Where binary data shows itself: a NUL byte, or many control characters.
fn binary_offset(bytes: &[u8]) -> Option<usize> {
    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
    if let Some(offset) = head.iter().position(|&b| b == 0) {
        return Some(offset);
    }
    let is_control = |b: u8| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c);
    let controls = head.iter().filter(|&&b| is_control(b)).count();
    if controls * 10 > head.len() {
        return head.iter().position(|&b| is_control(b));
    }
    None
}

/// A charset a page declares in its first bytes (`<meta charset=…>`).
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let at = lower.windows(8).position(|w| w == b"charset=")? + 8;
    let rest = &head[at..];
    let rest = rest
        .strip_prefix(b"\"")
        .or(rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
        .unwrap_or(rest.len());
    Encoding::for_label(&rest[..end])
}

/// Decodes bytes to text: a byte-order mark wins, then valid UTF-8, then a
/// charset the content declares, then `chardetng`'s guess. Binary data is an
/// error naming the offset of the first binary byte.
pub fn decode_text(bytes: &[u8], label: &str) -> Result<Decoded, IngestError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: encoding.name(),
        });
    }
    if let Some(offset) = binary_offset(bytes) {
        return Err(IngestError::Binary {
            path: label.to_string(),
            offset,
        });
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: text.to_string(),
            encoding: "UTF-8",
        });
    }
    let encoding = declared_charset(bytes)
        .filter(|e| *e != encoding_rs::UTF_8)
        .unwrap_or_else(|| {
            let mut detector = chardetng::EncodingDetector::new();
            detector.feed(bytes, true);
            detector.guess(None, true)
        });
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    Ok(Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through() {
        let d = decode_text("Київ and Kyiv".as_bytes(), "t").unwrap();
        assert_eq!(d.text, "Київ and Kyiv");
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn windows_1251_is_detected() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251
            .encode("Министр иностранных дел России заявил, что переговоры продолжатся.");
        let d = decode_text(&bytes, "t").unwrap();
        assert_eq!(
            d.text,
            "Министр иностранных дел России заявил, что переговоры продолжатся."
        );
        assert_eq!(d.encoding, "windows-1251");
    }

    #[test]
    fn latin1_is_detected() {
        let bytes =
            b"O ministro disse que a popula\xe7\xe3o n\xe3o ser\xe1 afetada pela decis\xe3o.";
        let d = decode_text(bytes, "t").unwrap();
        assert!(d.text.contains("população não será afetada"), "{}", d.text);
    }

    #[test]
    fn declared_charset_is_used_for_html() {
        let mut bytes = b"<html><head><meta charset=\"windows-1251\"></head><body>".to_vec();
        bytes.extend_from_slice(&encoding_rs::WINDOWS_1251.encode("Привет").0);
        let d = decode_text(&bytes, "t").unwrap();
        assert!(d.text.ends_with("Привет"));
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xff, 0xfe];
        for unit in "Hi Kyiv".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode_text(&bytes, "t").unwrap().text, "Hi Kyiv");
    }

    #[test]
    fn binary_is_refused_with_offset() {
        let bytes = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR";
        match decode_text(bytes, "img.png") {
            Err(IngestError::Binary { path, offset }) => {
                assert_eq!(path, "img.png");
                assert_eq!(offset, 8);
            }
            other => panic!("expected a binary error, got {other:?}"),
        }
    }

    #[test]
    fn gzip_bomb_is_capped() {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(&vec![b'a'; 1_000_000]).unwrap();
        let gz = enc.finish().unwrap();
        assert!(matches!(
            gunzip_if_needed(gz, "x.gz", 1000),
            Err(IngestError::TooLarge { .. })
        ));
    }
}
