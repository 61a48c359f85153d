//! Compares the Rust encoder with vectors from the Python reference
//! implementation (tests/fixtures/reference.json, made by
//! scripts/embed-reference.py). Skips with a message when the model has not
//! been fetched into the cache.

use newslens_embed::{EncoderOptions, SentenceEncoder};

#[derive(serde::Deserialize)]
struct Fixture {
    items: Vec<Item>,
}

#[derive(serde::Deserialize)]
struct Item {
    lang: String,
    text: String,
    ids: Vec<u32>,
    vector: Vec<f32>,
}

fn fixture() -> Fixture {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/reference.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn model_dir() -> Option<std::path::PathBuf> {
    let dir = newslens_embed::cached();
    if dir.is_none() {
        eprintln!(
            "skipping: the sentence-encoder model is not cached \
             (cargo run -p newslens-embed --example fetch_model)"
        );
    }
    dir
}

fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let na: f32 = a.iter().map(|x| x * x).sum::<f32>().sqrt();
    let nb: f32 = b.iter().map(|x| x * x).sum::<f32>().sqrt();
    dot / (na * nb)
}

fn check(encoder: &SentenceEncoder, label: &str) {
    let fixture = fixture();
    let texts: Vec<&str> = fixture.items.iter().map(|i| i.text.as_str()).collect();
    // all at once (micro-batches), and one by one: the same vectors
    let batched = encoder.encode(&texts);
    let mut worst = f32::INFINITY;
    for (item, got) in fixture.items.iter().zip(&batched) {
        assert_eq!(
            encoder.tokenizer().encode(&item.text),
            item.ids,
            "token ids of {:?}",
            item.text
        );
        let single = encoder.embed(&item.text);
        let cos = cosine(got, &item.vector);
        let self_cos = cosine(got, &single);
        let norm: f32 = got.iter().map(|v| v * v).sum::<f32>().sqrt();
        eprintln!(
            "{label} {:>5} cosine {cos:.7}  {:.50}",
            item.lang, item.text
        );
        assert!(cos >= 0.999, "cosine {cos} for {:?}", item.text);
        assert!(self_cos >= 0.99999, "batched vs single {self_cos}");
        assert!((norm - 1.0).abs() < 1e-4, "norm {norm}");
        worst = worst.min(cos);
    }
    eprintln!(
        "{label}: {} texts, min cosine {worst:.7}",
        fixture.items.len()
    );
}

#[test]
fn matches_the_python_reference() {
    let Some(dir) = model_dir() else { return };
    let encoder = SentenceEncoder::load(&dir).unwrap();
    assert_eq!(encoder.dim(), 512);
    check(&encoder, "cached");
}

#[test]
fn matches_the_python_reference_without_the_token_cache() {
    let Some(dir) = model_dir() else { return };
    let options = EncoderOptions { cached_pieces: 0 };
    let encoder = SentenceEncoder::load_with(&dir, &options).unwrap();
    check(&encoder, "uncached");
}

#[test]
fn translations_are_closer_than_unrelated_sentences() {
    let Some(dir) = model_dir() else { return };
    let encoder = SentenceEncoder::load(&dir).unwrap();
    let v = encoder.encode(&[
        "The government raised taxes on fuel.",
        "Правительство повысило налоги на топливо.",
        "El gobierno subió los impuestos al combustible.",
        "The football match ended in a draw.",
    ]);
    let dot = |a: &[f32; 512], b: &[f32; 512]| -> f32 { a.iter().zip(b).map(|(x, y)| x * y).sum() };
    assert!(dot(&v[0], &v[1]) > dot(&v[0], &v[3]) + 0.2);
    assert!(dot(&v[0], &v[2]) > dot(&v[0], &v[3]) + 0.2);
}

#[test]
fn threads_sharing_one_encoder_get_the_same_vectors() {
    let Some(dir) = model_dir() else { return };
    let encoder = SentenceEncoder::load(&dir).unwrap();
    let fixture = fixture();
    let texts: Vec<&str> = fixture.items.iter().map(|i| i.text.as_str()).collect();
    // two threads fill the token cache at the same time
    let results: Vec<Vec<[f32; 512]>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..2)
            .map(|_| scope.spawn(|| encoder.encode(&texts)))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for (item, (a, b)) in fixture.items.iter().zip(results[0].iter().zip(&results[1])) {
        assert!(cosine(a, &item.vector) >= 0.999, "{:?}", item.text);
        assert!(cosine(a, b) >= 0.99999, "{:?}", item.text);
    }
}

#[test]
fn texts_longer_than_a_micro_batch_are_covered_by_the_fixture() {
    let fixture = fixture();
    let longest = fixture.items.iter().map(|i| i.ids.len()).max().unwrap();
    assert!(
        longest > 2048,
        "the fixture needs a text of several micro-batches"
    );
}
