//! Compares the encoder with reference vectors in JSON Lines
//! (`{"text", "ids", "vector"}` per line):
//! `cargo run --release -p newslens-embed --example compare_reference -- FILE`.

fn main() {
    let path = std::env::args().nth(1).expect("a JSON Lines file");
    let dir = newslens_embed::cached().expect("the model is cached");
    let encoder = newslens_embed::SentenceEncoder::load(&dir).unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    let items: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let texts: Vec<&str> = items.iter().map(|i| i["text"].as_str().unwrap()).collect();
    let vectors = encoder.encode(&texts);
    let (mut id_mismatch, mut worst, mut sum) = (0usize, f32::INFINITY, 0f64);
    for (item, got) in items.iter().zip(&vectors) {
        let ids: Vec<u32> = item["ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap() as u32)
            .collect();
        if encoder.tokenizer().encode(item["text"].as_str().unwrap()) != ids {
            id_mismatch += 1;
        }
        let want: Vec<f32> = item["vector"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap() as f32)
            .collect();
        let dot: f32 = got.iter().zip(&want).map(|(a, b)| a * b).sum();
        let norm: f32 = want.iter().map(|v| v * v).sum::<f32>().sqrt();
        let cos = dot / norm;
        worst = worst.min(cos);
        sum += f64::from(cos);
    }
    println!(
        "{} texts: token ids differ for {id_mismatch}; cosine min {worst:.7}, mean {:.7}",
        items.len(),
        sum / items.len() as f64
    );
}
