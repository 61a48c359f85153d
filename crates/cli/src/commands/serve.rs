//! `newslens serve`: the read-only HTTP API and web UI over a database
//! written by `newslens analyze`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `newslens serve`.
#[derive(clap::Args)]
pub struct ServeArgs {
    /// The database written by `newslens analyze`.
    #[arg(long, value_name = "PATH", default_value = "newslens.db")]
    db: PathBuf,
    /// Address to listen on. Anything but a loopback address exposes the
    /// database to the network.
    #[arg(long, value_name = "IP:PORT", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Read-only database connections (default: one per core, at least 2).
    #[arg(long, value_name = "N")]
    connections: Option<usize>,
    /// Megabytes of API answers kept in memory until the database changes
    /// (0: no cache).
    #[arg(long, value_name = "MB", default_value_t = 64)]
    cache_mb: usize,
    /// Milliseconds one database query may run before it is stopped and
    /// the request answered 503 (0: no limit).
    #[arg(long, value_name = "MS", default_value_t = 1000)]
    query_limit_ms: u64,
}

/// Runs `newslens serve` until Ctrl-C or SIGTERM.
pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    if !newslens_server::is_loopback(&args.addr) {
        eprintln!(
            "newslens: warning: listening on {}, not a loopback address: anyone who can reach it can read the database",
            args.addr
        );
    }
    let config = newslens_server::ServeConfig {
        db: args.db.clone(),
        addr: args.addr,
        connections: args
            .connections
            .unwrap_or_else(newslens_server::default_connections),
        cache_mb: args.cache_mb,
        query_limit: (args.query_limit_ms > 0)
            .then(|| std::time::Duration::from_millis(args.query_limit_ms)),
    };
    let db = args.db.display().to_string();
    newslens_server::run(&config, |addr| {
        eprintln!("newslens: serving {db} on http://{addr}/ (Ctrl-C to stop)");
    })?;
    Ok(ExitCode::SUCCESS)
}
