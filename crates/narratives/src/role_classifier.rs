//! [`RoleClassifier`], the `roles` stage: the framing role of each main
//! entity of an article, from the words around its mentions.

use crate::roles::RoleModel;
use newslens_core::{Document, EntityKind, Layer, RoleLabel, Span, Stage, StageError};
use std::sync::Arc;

/// Mentions per entity whose contexts are averaged.
const MENTIONS_PER_ENTITY: usize = 5;

/// The `roles` stage.
pub struct RoleClassifier {
    model: Arc<RoleModel>,
    /// Entities given a role per article, most mentioned first.
    max_entities: usize,
}

impl RoleClassifier {
    pub fn new(model: Arc<RoleModel>, max_entities: usize) -> Self {
        RoleClassifier {
            model,
            max_entities,
        }
    }
}

impl Stage for RoleClassifier {
    fn name(&self) -> &'static str {
        "roles"
    }

    fn reads(&self) -> &'static [Layer] {
        &[Layer::Text, Layer::Sentences, Layer::Entities]
    }

    fn writes(&self) -> &'static [Layer] {
        &[Layer::Roles]
    }

    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        doc.roles.clear();
        // Main entities: people, organisations and places, most mentioned
        // first (ties: first mentioned first).
        let mut main: Vec<usize> = (0..doc.entities.len())
            .filter(|&i| doc.entities[i].kind != EntityKind::Other)
            .filter(|&i| !doc.entities[i].mentions.is_empty())
            .collect();
        main.sort_by_key(|&i| {
            let e = &doc.entities[i];
            (std::cmp::Reverse(e.mentions.len()), e.mentions[0].start())
        });
        main.truncate(self.max_entities);
        for i in main {
            let mentions = &doc.entities[i].mentions;
            let mut sum: Vec<f32> = Vec::new();
            let mut evidence: Vec<Span> = Vec::new();
            for m in mentions.iter().take(MENTIONS_PER_ENTITY) {
                let p = self
                    .model
                    .probs(&self.model.context_bytes(&doc.text, m.start(), m.end()));
                if sum.is_empty() {
                    sum = p;
                } else {
                    sum.iter_mut().zip(&p).for_each(|(a, b)| *a += b);
                }
                if let Some(s) = doc.sentences.iter().find(|s| s.span.contains(m)) {
                    if !evidence.contains(&s.span) {
                        evidence.push(s.span);
                    }
                }
            }
            if sum.is_empty() {
                continue;
            }
            let role = self.model.decide(&sum);
            doc.roles.push(RoleLabel {
                entity: i,
                main: role.main,
                fine: role.fine,
                score: role.score,
                evidence,
            });
        }
        Ok(())
    }
}
