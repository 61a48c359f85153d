//! [`Stage`]: one step of the pipeline.

use crate::{Document, Layer, StageError};

/// One pipeline step. A stage declares what it reads and writes so that the
/// [`crate::PipelineBuilder`] can check the order when the pipeline is built.
///
/// Stages must not panic on user data: bad input is a [`StageError`] for that
/// document, and the run goes on with the next one.
pub trait Stage: Send + Sync {
    /// A short stable name, used in errors and logs.
    fn name(&self) -> &'static str;
    /// Layers this stage needs filled before it runs.
    fn reads(&self) -> &'static [Layer];
    /// Layers this stage fills.
    fn writes(&self) -> &'static [Layer];
    /// Annotates one document in place.
    fn process(&self, doc: &mut Document) -> Result<(), StageError>;
}

/// A shared stage is a stage: a pipeline rebuilt per run can reuse a stage
/// that is costly to build (an automaton, a model) without copying it.
impl<S: Stage + ?Sized> Stage for std::sync::Arc<S> {
    fn name(&self) -> &'static str {
        (**self).name()
    }
    fn reads(&self) -> &'static [Layer] {
        (**self).reads()
    }
    fn writes(&self) -> &'static [Layer] {
        (**self).writes()
    }
    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        (**self).process(doc)
    }
}
