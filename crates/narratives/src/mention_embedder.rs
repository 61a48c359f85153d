//! [`MentionEmbedder`]: a mention as the sentence embedding of the sentence
//! it stands in (multilingual sentence encoder), the dense features of the
//! role model. Training and prediction use this same function.

use newslens_embed::SentenceEncoder;

/// Characters looked at on each side of a mention for its sentence's ends.
const MAX_SIDE_CHARS: usize = 400;

/// The sentence around the mention at bytes `start..end` of `text`: from the
/// last sentence end (`.`, `!`, `?`, `。`, `।` or a line break) before it to
/// the first one after it, at most [`MAX_SIDE_CHARS`] characters each side.
/// Offsets out of range or inside a character are clamped.
pub fn mention_sentence(text: &str, start: usize, end: usize) -> &str {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (start, end) = (floor(start), floor(end.max(start)));
    let is_end = |c: char| matches!(c, '.' | '!' | '?' | '\n' | '。' | '।');
    let mut from = start;
    for (n, (i, c)) in text[..start].char_indices().rev().enumerate() {
        if n >= MAX_SIDE_CHARS || is_end(c) {
            break;
        }
        from = i;
    }
    let mut to = end;
    for (n, (i, c)) in text[end..].char_indices().enumerate() {
        to = end + i + c.len_utf8();
        if n >= MAX_SIDE_CHARS || is_end(c) {
            break;
        }
    }
    text[from..to].trim()
}

/// Embeds mentions with a sentence encoder.
pub struct MentionEmbedder {
    encoder: SentenceEncoder,
}

impl MentionEmbedder {
    pub fn new(encoder: SentenceEncoder) -> Self {
        MentionEmbedder { encoder }
    }

    /// The embedding of each mention's sentence; mentions are `(text,
    /// start, end)` in bytes.
    pub fn embed(&self, mentions: &[(&str, usize, usize)]) -> Vec<Vec<f32>> {
        let sentences: Vec<&str> = mentions
            .iter()
            .map(|&(t, s, e)| mention_sentence(t, s, e))
            .collect();
        self.encoder
            .encode(&sentences)
            .into_iter()
            .map(|v| v.to_vec())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_is_cut_at_sentence_ends() {
        let t = "First one. Then Putin attacked Ukraine! Last.";
        let s = t.find("Putin").unwrap();
        assert_eq!(
            mention_sentence(t, s, s + 5),
            "Then Putin attacked Ukraine!"
        );
    }

    #[test]
    fn bad_offsets_are_clamped() {
        let t = "Зеленский сказал.";
        assert_eq!(mention_sentence(t, 1, 3), "Зеленский сказал.");
        assert_eq!(mention_sentence(t, 500, 2), "");
    }
}
