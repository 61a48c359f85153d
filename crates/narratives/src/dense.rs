//! [`ArticleEmbedder`]: an article as the mean of its paragraph embeddings
//! (multilingual sentence encoder), the dense features of the narrative
//! model. Training and prediction use this same function.

use newslens_embed::SentenceEncoder;

/// Paragraphs embedded per article (the first ones; the lead carries the
/// narrative).
pub const MAX_PARAGRAPHS: usize = 40;
/// Characters kept per paragraph.
const MAX_PARAGRAPH_CHARS: usize = 1500;

/// Embeds articles with a sentence encoder.
pub struct ArticleEmbedder {
    encoder: SentenceEncoder,
}

impl ArticleEmbedder {
    pub fn new(encoder: SentenceEncoder) -> Self {
        ArticleEmbedder { encoder }
    }

    /// The unit-length mean of the embeddings of the article's non-empty
    /// lines (title included), at most [`MAX_PARAGRAPHS`] of them.
    pub fn embed(&self, text: &str) -> Vec<f32> {
        let parts: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| l.chars().any(char::is_alphabetic))
            .take(MAX_PARAGRAPHS)
            .map(|l| match l.char_indices().nth(MAX_PARAGRAPH_CHARS) {
                Some((i, _)) => &l[..i],
                None => l,
            })
            .collect();
        let mut mean = vec![0f32; self.encoder.dim()];
        if parts.is_empty() {
            return mean;
        }
        for v in self.encoder.encode(&parts) {
            for (m, x) in mean.iter_mut().zip(v.iter()) {
                *m += x;
            }
        }
        let norm = mean.iter().map(|x| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            mean.iter_mut().for_each(|x| *x /= norm);
        }
        mean
    }
}
