//! Storage figures that agree: one unit per pair, never "0" for data that exists.

use attune::domain::device::reminder::{storage_figures, LOCAL_STORAGE_LIMIT_UNITS};
use attune::domain::words::Words;

#[test]
fn records_count_two_bytes_per_unit_in_the_limit_s_unit() {
    let f = storage_figures(100_000, None, Words::EN);
    assert_eq!(f.records.used_text, "0.2 MB");
    assert_eq!(f.records.total_text, "10.5 MB");
    assert_eq!(f.records.percent_text, "1 %");
    assert!(!f.warn);
    assert_eq!(f.site, None);
}

#[test]
fn a_little_data_never_reads_as_nothing() {
    let f = storage_figures(20, Some((0, 0)), Words::EN);
    assert_eq!(f.records.used_text, "under 0.1 MB");
    assert_eq!(f.records.percent_text, "under 1 %");
    assert_eq!(f.site, None, "a zero quota is no estimate");
    let empty = storage_figures(0, None, Words::EN);
    assert_eq!(empty.records.used_text, "0.0 MB");
    assert_eq!(empty.records.percent_text, "0 %");
}

#[test]
fn the_site_estimate_is_never_below_the_records() {
    // Chromium leaves localStorage out of its estimate: 0 bytes reported.
    let f = storage_figures(300_000, Some((0, 300_000_000_000)), Words::EN);
    let site = f.site.unwrap();
    assert_eq!(site.total_text, "300.0 GB");
    assert_eq!(site.used_text, "under 0.1 GB", "not 0 B");
    assert_eq!(site.percent_text, "under 1 %");

    let f = storage_figures(1_000, Some((2_500_000, 4_000_000)), Words::EN);
    let site = f.site.unwrap();
    assert_eq!(
        (site.used_text.as_str(), site.total_text.as_str()),
        ("2.5 MB", "4.0 MB")
    );
    assert_eq!(site.percent, 62);

    // A quota below the use (a confused estimate) is raised to the use.
    let site = storage_figures(1_000_000, Some((10, 500)), Words::EN)
        .site
        .unwrap();
    assert_eq!(
        (site.used_text.as_str(), site.total_text.as_str()),
        ("2.0 MB", "2.0 MB")
    );
    assert_eq!(site.percent, 100);
}

#[test]
fn the_warning_follows_the_records_against_their_limit() {
    let limit = LOCAL_STORAGE_LIMIT_UNITS;
    assert!(!storage_figures(limit * 79 / 100, None, Words::EN).warn);
    let f = storage_figures(
        limit * 80 / 100 + 1,
        Some((1, 1_000_000_000_000)),
        Words::EN,
    );
    assert!(f.warn);
    assert_eq!(f.records.percent, 80);
    assert_eq!(f.records.used_text, "8.4 MB");
}
