//! [`Format`]: the kinds of input newslens reads, and how they are recognised.

use std::path::Path;

/// An input format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text, title on the first line (the SemEval layout).
    Text,
    Html,
    /// One JSON object per line with `title` and `text` or `html`.
    Jsonl,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Jsonl => "jsonl",
        }
    }

    /// Parses a `--format` value.
    pub fn parse(name: &str) -> Option<Format> {
        match name.to_ascii_lowercase().as_str() {
            "text" | "txt" => Some(Format::Text),
            "html" | "htm" => Some(Format::Html),
            "jsonl" | "ndjson" | "json" => Some(Format::Jsonl),
            _ => None,
        }
    }

    /// The format a file name implies (`.gz` is looked through), if any.
    pub fn from_path(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        let ext = name.rsplit_once('.')?.1;
        match ext {
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "jsonl" | "ndjson" | "json" => Some(Format::Jsonl),
            "txt" | "text" => Some(Format::Text),
            _ => None,
        }
    }

    /// Recognises a format from the start of decoded content.
    pub fn sniff(text: &str) -> Format {
        let head = text.trim_start_matches('\u{feff}').trim_start();
        let prefix: String = head
            .chars()
            .take(512)
            .collect::<String>()
            .to_ascii_lowercase();
        if prefix.starts_with("<!doctype html")
            || prefix.starts_with("<html")
            || (prefix.starts_with('<')
                && ["<head", "<body", "<div", "<p>", "<meta", "<title"]
                    .iter()
                    .any(|tag| prefix.contains(tag)))
        {
            Format::Html
        } else if head.starts_with('{')
            && head
                .lines()
                .next()
                .is_some_and(|l| l.trim_end().ends_with('}'))
        {
            Format::Jsonl
        } else {
            Format::Text
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_decides_when_known() {
        assert_eq!(
            Format::from_path(Path::new("a/b.html.gz")),
            Some(Format::Html)
        );
        assert_eq!(Format::from_path(Path::new("x.HTM")), Some(Format::Html));
        assert_eq!(Format::from_path(Path::new("x.jsonl")), Some(Format::Jsonl));
        assert_eq!(Format::from_path(Path::new("EN_1.txt")), Some(Format::Text));
        assert_eq!(Format::from_path(Path::new("README")), None);
    }

    #[test]
    fn content_decides_otherwise() {
        assert_eq!(Format::sniff("<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(Format::sniff("  <html lang=en>"), Format::Html);
        assert_eq!(
            Format::sniff("{\"title\": \"a\", \"text\": \"b\"}\n{}"),
            Format::Jsonl
        );
        assert_eq!(Format::sniff("Title\n\nBody text."), Format::Text);
        assert_eq!(Format::sniff("<3 is a heart"), Format::Text);
    }
}
