//! [`Pipeline`] and its checked [`PipelineBuilder`].

use crate::{Document, Layer, Stage, StageError};
use std::collections::BTreeSet;

/// A stage was added before the stages that produce what it reads.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PipelineError {
    #[error("stage `{stage}` reads `{layer}`, which no earlier stage writes")]
    MissingInput { stage: &'static str, layer: Layer },
    #[error("stage `{stage}` appears twice in the pipeline")]
    Duplicate { stage: &'static str },
}

/// Builds a [`Pipeline`], checking each stage's inputs as it is added.
pub struct PipelineBuilder {
    stages: Vec<Box<dyn Stage>>,
    available: BTreeSet<Layer>,
}

impl Default for PipelineBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl PipelineBuilder {
    /// A builder that starts from what ingest provides ([`Layer::INGESTED`]).
    pub fn new() -> Self {
        PipelineBuilder {
            stages: Vec::new(),
            available: Layer::INGESTED.iter().copied().collect(),
        }
    }

    /// A builder that continues `earlier`: its stages' outputs count as
    /// available, so a pipeline can run in two parts (e.g. with a corpus-wide
    /// pass in between).
    pub fn after(earlier: &Pipeline) -> Self {
        PipelineBuilder {
            stages: Vec::new(),
            available: earlier.provides.clone(),
        }
    }

    /// Appends a stage; fails when something it reads is not yet produced.
    pub fn stage(mut self, stage: impl Stage + 'static) -> Result<Self, PipelineError> {
        let name = stage.name();
        if self.stages.iter().any(|s| s.name() == name) {
            return Err(PipelineError::Duplicate { stage: name });
        }
        if let Some(&layer) = stage.reads().iter().find(|l| !self.available.contains(l)) {
            return Err(PipelineError::MissingInput { stage: name, layer });
        }
        self.available.extend(stage.writes().iter().copied());
        self.stages.push(Box::new(stage));
        Ok(self)
    }

    pub fn build(self) -> Pipeline {
        Pipeline {
            stages: self.stages,
            provides: self.available,
        }
    }
}

/// An ordered, checked list of stages.
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
    provides: BTreeSet<Layer>,
}

impl Pipeline {
    /// Runs every stage on one document, stopping at the first error.
    pub fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        self.stages.iter().try_for_each(|stage| stage.process(doc))
    }

    /// Stage names in order.
    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    /// Whether the pipeline fills `layer`.
    pub fn provides(&self, layer: Layer) -> bool {
        self.provides.contains(&layer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fake {
        name: &'static str,
        reads: &'static [Layer],
        writes: &'static [Layer],
    }

    impl Stage for Fake {
        fn name(&self) -> &'static str {
            self.name
        }
        fn reads(&self) -> &'static [Layer] {
            self.reads
        }
        fn writes(&self) -> &'static [Layer] {
            self.writes
        }
        fn process(&self, doc: &mut Document) -> Result<(), StageError> {
            doc.boilerplate.push(self.name.to_string());
            Ok(())
        }
    }

    const CLEAN: Fake = Fake {
        name: "clean",
        reads: &[Layer::Raw],
        writes: &[Layer::Text],
    };
    const SEGMENT: Fake = Fake {
        name: "segment",
        reads: &[Layer::Text],
        writes: &[Layer::Sentences],
    };

    #[test]
    fn stage_whose_input_is_missing_is_refused() {
        let err = PipelineBuilder::new().stage(SEGMENT).err();
        assert_eq!(
            err,
            Some(PipelineError::MissingInput {
                stage: "segment",
                layer: Layer::Text
            })
        );
    }

    #[test]
    fn ordered_stages_run_in_order() {
        let pipeline = PipelineBuilder::new()
            .stage(CLEAN)
            .unwrap()
            .stage(SEGMENT)
            .unwrap()
            .build();
        assert!(pipeline.provides(Layer::Sentences));
        assert!(!pipeline.provides(Layer::Quotes));
        let mut doc = Document::new("x", "raw");
        pipeline.run(&mut doc).unwrap();
        assert_eq!(doc.boilerplate, ["clean", "segment"]);
    }

    #[test]
    fn continuation_starts_from_what_the_first_part_provides() {
        let front = PipelineBuilder::new().stage(CLEAN).unwrap().build();
        assert!(PipelineBuilder::after(&front).stage(SEGMENT).is_ok());
        assert!(PipelineBuilder::new().stage(SEGMENT).is_err());
    }

    #[test]
    fn duplicate_stage_is_refused() {
        let err = PipelineBuilder::new()
            .stage(CLEAN)
            .unwrap()
            .stage(CLEAN)
            .err();
        assert_eq!(err, Some(PipelineError::Duplicate { stage: "clean" }));
    }
}
