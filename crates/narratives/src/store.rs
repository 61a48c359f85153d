//! Reading and writing learned models: gzip-compressed JSON files, and the
//! models bundled into the binary.

use crate::model::NarrativeModel;
use crate::roles::RoleModel;
use crate::NarrativeError;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::io::{Read, Write};
use std::path::Path;

/// The narrative model learned by `newslens train narratives`, bundled.
const NARRATIVES: &[u8] = include_bytes!("../data/narratives.json.gz");
/// The narrative model learned by `newslens train narratives --encoder`.
const NARRATIVES_ENCODER: &[u8] = include_bytes!("../data/narratives-encoder.json.gz");
/// The role model learned by `newslens train roles`, bundled.
const ROLES: &[u8] = include_bytes!("../data/roles.json.gz");

fn decode<T: DeserializeOwned>(bytes: &[u8], path: &Path) -> Result<T, NarrativeError> {
    let mut json = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut json)
        .map_err(|e| NarrativeError::Model {
            path: path.to_path_buf(),
            message: format!("not gzip: {e}"),
        })?;
    serde_json::from_slice(&json).map_err(|e| NarrativeError::Model {
        path: path.to_path_buf(),
        message: e.to_string(),
    })
}

/// Writes `value` as gzip-compressed JSON, atomically (temporary file, then
/// rename).
pub fn save<T: Serialize>(value: &T, path: &Path) -> Result<(), NarrativeError> {
    let tmp = path.with_extension("tmp");
    let io = |e| NarrativeError::io(path, e);
    let file = std::fs::File::create(&tmp).map_err(io)?;
    let mut gz = flate2::write::GzEncoder::new(file, flate2::Compression::best());
    serde_json::to_writer(&mut gz, value).map_err(|e| NarrativeError::Model {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    gz.finish().and_then(|mut f| f.flush()).map_err(io)?;
    std::fs::rename(&tmp, path).map_err(io)
}

/// Reads a model written by [`save`].
pub fn load<T: DeserializeOwned>(path: &Path) -> Result<T, NarrativeError> {
    let bytes = std::fs::read(path).map_err(|e| NarrativeError::io(path, e))?;
    decode(&bytes, path)
}

impl NarrativeModel {
    /// The bundled model (words only).
    pub fn bundled() -> Result<Self, NarrativeError> {
        decode(NARRATIVES, Path::new("<bundled narratives model>"))
    }
}

impl NarrativeModel {
    /// The bundled model that adds sentence-encoder features to the words.
    pub fn bundled_with_encoder() -> Result<Self, NarrativeError> {
        decode(
            NARRATIVES_ENCODER,
            Path::new("<bundled narratives model with encoder>"),
        )
    }
}

impl RoleModel {
    /// The bundled model.
    pub fn bundled() -> Result<Self, NarrativeError> {
        decode(ROLES, Path::new("<bundled roles model>"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_models_load() {
        let n = NarrativeModel::bundled().unwrap();
        assert!(n.head.labels.len() > 20);
        assert_eq!(n.dense_dim, 0);
        let e = NarrativeModel::bundled_with_encoder().unwrap();
        assert_eq!(e.dense_dim, newslens_embed::DIM);
        let r = RoleModel::bundled().unwrap();
        assert_eq!(r.head.labels.len(), 25);
        // Trained with the cue features and a main-role bias (session 4).
        assert!(!r.cues.is_empty() && !r.main_bias.is_empty());
        assert_eq!(r.cue_scale, 0.5);
    }

    #[test]
    fn a_role_model_written_before_cue_features_reads_as_words_only() {
        let mut v = serde_json::to_value(RoleModel::bundled().unwrap()).unwrap();
        let fields = v.as_object_mut().unwrap();
        for key in ["cues", "cue_scale", "main_bias"] {
            assert!(fields.remove(key).is_some(), "{key}");
        }
        let old: RoleModel = serde_json::from_value(v).unwrap();
        assert!(old.cues.is_empty() && old.main_bias.is_empty());
        assert_eq!(old.cue_scale, 1.0);
    }

    #[test]
    fn a_broken_model_file_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("m.json.gz");
        std::fs::write(&p, b"not a model").unwrap();
        let err = load::<RoleModel>(&p).unwrap_err().to_string();
        assert!(err.contains("m.json.gz"), "{err}");
    }
}
