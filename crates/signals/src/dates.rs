//! [`date_key`]: ISO dates and date-times as sortable seconds.

/// Seconds since 0000-03-01 of an ISO date (`YYYY`, `YYYY-MM`,
/// `YYYY-MM-DD`) or date-time (`YYYY-MM-DDTHH:MM[:SS]…`; a zone suffix is
/// ignored); `None` when it does not start like one.
pub fn date_key(text: &str) -> Option<u64> {
    let t = text.trim();
    let num = |s: Option<&str>| -> Option<u64> {
        let s = s?;
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    let (date, time) = match t.find(['T', ' ']) {
        Some(i) => (&t[..i], Some(&t[i + 1..])),
        None => (t, None),
    };
    let mut parts = date.split('-');
    let year = num(parts.next()).filter(|y| (1..=9999).contains(y))?;
    let month = match parts.next() {
        Some(m) => num(Some(m)).filter(|m| (1..=12).contains(m))?,
        None => 1,
    };
    let day = match parts.next() {
        Some(d) => num(Some(d)).filter(|d| (1..=31).contains(d))?,
        None => 1,
    };
    // Days from civil (March-based year).
    let (y, m) = if month <= 2 {
        (year - 1, month + 9)
    } else {
        (year, month - 3)
    };
    let days = y * 365 + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + day - 1;
    let mut secs = 0;
    if let Some(time) = time {
        let mut hms = time.get(..8.min(time.len())).unwrap_or("").split(':');
        let h = num(hms.next()).unwrap_or(0).min(23);
        let mi = num(hms.next()).unwrap_or(0).min(59);
        let s = hms
            .next()
            .and_then(|s| num(s.get(..2)))
            .unwrap_or(0)
            .min(60);
        secs = h * 3600 + mi * 60 + s;
    }
    Some(days * 86_400 + secs)
}

/// The ISO date (`YYYY-MM-DD`) of day `days` of [`date_key`] (its key
/// divided by 86,400).
pub fn day_string(days: u64) -> String {
    let era = days / 146_097;
    let doe = days % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let (m, carry) = if mp < 10 { (mp + 3, 0) } else { (mp - 9, 1) };
    format!("{:04}-{:02}-{:02}", era * 400 + yoe + carry, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_sort_and_count_days() {
        let d = |s| date_key(s).unwrap();
        assert!(d("2023-03-01") < d("2023-03-01T10:00:00Z"));
        assert!(d("2023-02-28") < d("2023-03-01"));
        assert_eq!(d("2024-03-01") - d("2024-02-28"), 2 * 86_400);
        assert_eq!(d("2023-03-01") - d("2023-02-28"), 86_400);
        assert_eq!(d("2023-12-31") - d("2023-01-01"), 364 * 86_400);
        assert_eq!(d("2023"), d("2023-01-01"));
        assert!(date_key("yesterday").is_none());
        assert!(date_key("2023-13-01").is_none());
        assert!(date_key("").is_none());
        for day in [
            "2023-01-01",
            "2024-02-29",
            "2023-03-01",
            "1999-12-31",
            "2000-02-28",
        ] {
            assert_eq!(day_string(d(day) / 86_400), day);
        }
    }
}
