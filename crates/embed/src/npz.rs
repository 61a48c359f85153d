//! `NpzArchive`: reads the arrays of a NumPy `.npz` file (a zip of `.npy`
//! files, stored or deflated) into flat `Vec`s.
//!
//! Only what the model needs: little-endian `f4`, `u1`, `i1` and `f8` arrays in
//! C order. A small parser of the `.npy` header keeps this free of an array
//! library.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use crate::EmbedError;

/// One array: its shape and its values in C order.
#[derive(Debug, Clone, PartialEq)]
pub struct NpyArray<T> {
    pub shape: Vec<usize>,
    pub data: Vec<T>,
}

/// An open `.npz` archive.
pub struct NpzArchive {
    path: PathBuf,
    zip: zip::ZipArchive<BufReader<File>>,
}

/// Element types this reader converts from.
pub trait NpyElement: Sized + Copy {
    /// `descr` strings accepted for this type.
    const DESCRS: &'static [&'static str];
    /// Builds values from little-endian bytes.
    fn from_le(bytes: &[u8]) -> Vec<Self>;
}

impl NpyElement for f32 {
    const DESCRS: &'static [&'static str] = &["<f4"];
    fn from_le(bytes: &[u8]) -> Vec<Self> {
        bytes
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes(c.try_into().expect("4 bytes")))
            .collect()
    }
}

impl NpyElement for u8 {
    const DESCRS: &'static [&'static str] = &["|u1", "<u1"];
    fn from_le(bytes: &[u8]) -> Vec<Self> {
        bytes.to_vec()
    }
}

impl NpyElement for f64 {
    const DESCRS: &'static [&'static str] = &["<f8"];
    fn from_le(bytes: &[u8]) -> Vec<Self> {
        bytes
            .chunks_exact(8)
            .map(|c| f64::from_le_bytes(c.try_into().expect("8 bytes")))
            .collect()
    }
}

impl NpzArchive {
    /// Opens the archive at `path`.
    pub fn open(path: &Path) -> Result<Self, EmbedError> {
        let file = File::open(path).map_err(|source| EmbedError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let zip = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| EmbedError::BadModel {
            path: path.to_path_buf(),
            reason: format!("not a zip archive: {e}"),
        })?;
        Ok(Self {
            path: path.to_path_buf(),
            zip,
        })
    }

    fn bad(&self, reason: String) -> EmbedError {
        EmbedError::BadModel {
            path: self.path.clone(),
            reason,
        }
    }

    /// Reads array `name` (without `.npy`), which must have element type `T`.
    pub fn read<T: NpyElement>(&mut self, name: &str) -> Result<NpyArray<T>, EmbedError> {
        let member = format!("{name}.npy");
        let mut bytes = Vec::new();
        let read = match self.zip.by_name(&member) {
            Ok(mut entry) => {
                bytes.reserve(usize::try_from(entry.size()).unwrap_or(0));
                entry.read_to_end(&mut bytes).map_err(|e| e.to_string())
            }
            Err(e) => Err(e.to_string()),
        };
        read.map_err(|e| self.bad(format!("array {name}: {e}")))?;
        parse_npy(&bytes).map_err(|reason| self.bad(format!("array {name}: {reason}")))
    }

    /// Reads array `name` and checks its shape.
    pub fn read_shaped<T: NpyElement>(
        &mut self,
        name: &str,
        shape: &[usize],
    ) -> Result<Vec<T>, EmbedError> {
        let array = self.read::<T>(name)?;
        if array.shape != shape {
            return Err(self.bad(format!(
                "array {name} has shape {:?}, expected {:?}",
                array.shape, shape
            )));
        }
        Ok(array.data)
    }
}

/// Parses one `.npy` file.
pub fn parse_npy<T: NpyElement>(bytes: &[u8]) -> Result<NpyArray<T>, String> {
    if bytes.len() < 10 || &bytes[..6] != b"\x93NUMPY" {
        return Err("not an .npy file".into());
    }
    let (header_len, header_start) = match bytes[6] {
        1 => (u16::from_le_bytes([bytes[8], bytes[9]]) as usize, 10),
        2 | 3 => {
            let b = bytes.get(8..12).ok_or("truncated header")?;
            (
                u32::from_le_bytes(b.try_into().expect("4 bytes")) as usize,
                12,
            )
        }
        v => return Err(format!("unsupported .npy version {v}")),
    };
    let header = bytes
        .get(header_start..header_start + header_len)
        .ok_or("truncated header")?;
    let header = std::str::from_utf8(header).map_err(|_| "header is not text")?;
    let descr = dict_value(header, "descr").ok_or("no descr in header")?;
    let descr = descr.trim_matches(|c| c == '\'' || c == '"');
    if !T::DESCRS.contains(&descr) {
        return Err(format!("element type {descr}, expected {:?}", T::DESCRS));
    }
    if dict_value(header, "fortran_order") != Some("False") {
        return Err("only C-order arrays are supported".into());
    }
    let shape_text = dict_value(header, "shape").ok_or("no shape in header")?;
    let shape = shape_text
        .trim_matches(|c| c == '(' || c == ')')
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<usize>()
                .map_err(|_| format!("bad shape {shape_text}"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let count: usize = shape.iter().product();
    let width = std::mem::size_of::<T>();
    let body = &bytes[header_start + header_len..];
    if body.len() != count * width {
        return Err(format!(
            "{} data bytes for shape {shape:?}, expected {}",
            body.len(),
            count * width
        ));
    }
    Ok(NpyArray {
        shape,
        data: T::from_le(body),
    })
}

/// The raw text of `key`'s value in the header's Python dict literal.
fn dict_value<'a>(header: &'a str, key: &str) -> Option<&'a str> {
    let quoted = [format!("'{key}'"), format!("\"{key}\"")];
    let at = quoted
        .iter()
        .find_map(|q| header.find(q.as_str()).map(|i| i + q.len()))?;
    let rest = header[at..].trim_start().strip_prefix(':')?.trim_start();
    let end = if rest.starts_with('(') {
        rest.find(')')? + 1
    } else {
        rest.find([',', '}']).unwrap_or(rest.len())
    };
    Some(rest[..end].trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn npy(descr: &str, shape: &str, body: &[u8]) -> Vec<u8> {
        let mut header =
            format!("{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}");
        while (10 + header.len() + 1) % 64 != 0 {
            header.push(' ');
        }
        header.push('\n');
        let mut out = b"\x93NUMPY\x01\x00".to_vec();
        out.extend_from_slice(&(header.len() as u16).to_le_bytes());
        out.extend_from_slice(header.as_bytes());
        out.extend_from_slice(body);
        out
    }

    #[test]
    fn parses_shapes_and_values() {
        let body: Vec<u8> = [1.5f32, -2.0, 3.25, 0.0, 1.0, 2.0]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect();
        let a = parse_npy::<f32>(&npy("<f4", "(2, 3)", &body)).unwrap();
        assert_eq!(a.shape, vec![2, 3]);
        assert_eq!(a.data[2], 3.25);
        let s = parse_npy::<f64>(&npy("<f8", "()", &1e-6f64.to_le_bytes())).unwrap();
        assert_eq!(s.shape, Vec::<usize>::new());
        assert_eq!(s.data, vec![1e-6]);
        let v = parse_npy::<u8>(&npy("|u1", "(3,)", &[1, 2, 3])).unwrap();
        assert_eq!(v.shape, vec![3]);
    }

    #[test]
    fn rejects_wrong_type_and_size() {
        assert!(parse_npy::<f32>(&npy("|u1", "(3,)", &[1, 2, 3])).is_err());
        assert!(parse_npy::<u8>(&npy("|u1", "(4,)", &[1, 2, 3])).is_err());
        assert!(parse_npy::<u8>(b"garbage").is_err());
    }
}
