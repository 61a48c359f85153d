//! Cross-article signals for newslens. The main type is [`SignalIndex`]: an
//! incremental index of articles and quotes that groups near-duplicate
//! articles (reprints, syndicated and lightly edited copies) and links one
//! statement reported by several articles into a quote cluster, each with
//! its first appearance.
//!
//! Candidates come from MinHash signatures banded into an LSH table
//! ([`MinHasher`], [`LshTable`]), so adding an article costs about the same
//! whatever the corpus size; candidates are then checked exactly on their
//! shingle sets. Groups are kept in a union–find structure, so new articles
//! update them without a recompute.

mod blocked_bloom;
mod codec;
mod dates;
#[cfg(feature = "store")]
mod derived;
mod minhash;
mod passes;
mod postings;
mod shingles;
mod signal_index;
mod stories;
mod story_index;
mod talking;
mod union_find;

pub use dates::{date_key, day_string};
#[cfg(feature = "store")]
pub use derived::{
    appearances, appearances_from, derived, derived_path, derived_read_only, is_current, load,
    quote_id, rules_signature, state_path, Appearance, Derived, Fingerprint, Loaded, QuoteClusters,
    SignalsError, Source, DERIVED_FORMAT, STATE_FORMAT,
};
pub use minhash::{LshTable, MinHasher, Signature, BANDS, ROWS};
pub use shingles::{normalize_words, shingles, ShingleSet};
pub use signal_index::{same_statement, ArticleRef, Cluster, QuoteRef, SignalConfig, SignalIndex};
pub use stories::{stories, Stories, Story, StoryConfig};
pub use talking::{
    talking_points, ArticleInput, FirstSeen, OutletSpread, QuoteInput, TalkingConfig, TalkingPoint,
    TimelineBin,
};
pub use union_find::UnionFind;
