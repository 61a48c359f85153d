//! [`TimeExpr`]: a temporal expression normalised to a calendar value.

use crate::Span;

/// A temporal expression of the text ("Dec. 4", "on Monday", "last week",
/// "since September") and the calendar value it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeExpr {
    pub span: Span,
    /// ISO 8601 value: a day `2023-03-06`, a month `2023-03`, a year `2023`,
    /// a week `2023-W10`, or an interval `2023-09/2023-11-22`.
    pub value: String,
    /// Whether the value was resolved against the article's date (relative
    /// expressions such as "on Monday" or "last week").
    pub relative: bool,
}
