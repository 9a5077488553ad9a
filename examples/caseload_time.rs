use attune::domain::caseload::caseload;
use attune::domain::measures::rating::Rating;
use attune::domain::measures::scale::ScaleDefinition;
use attune::domain::measures::score::Tenths;
use attune::domain::records::store::{Client, Store};
use chrono::{Duration, TimeZone, Utc};
fn main() {
    let start = Utc.with_ymd_and_hms(2021, 1, 4, 9, 0, 0).unwrap();
    let clients: Vec<Client> = (0..50)
        .map(|i| Client {
            id: format!("c{i}"),
            label: format!("C{i:02}"),
            created_at: start - Duration::days(7),
            ..Default::default()
        })
        .collect();
    let mut seed: u64 = 7;
    let mut rnd = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let n = 10_000;
    let ratings: Vec<Rating> = (0..n)
        .map(|i| {
            let at = start + Duration::minutes((4 * 365 * 24 * 60) * i as i64 / n as i64);
            Rating {
                id: format!("r{i}"),
                recorded_at: at,
                session_at: at,
                client_id: Some(format!("c{}", rnd() % 50)),
                scores: (0..4)
                    .map(|_| Tenths::new((60 + rnd() % 41) as u16).unwrap())
                    .collect(),
                scale_id: "srs-attune".into(),
                scale_version: 1,
                ..Default::default()
            }
        })
        .collect();
    let store = Store {
        clients,
        ratings,
        ..Default::default()
    };
    let scale = ScaleDefinition::builtin();
    let now = start + Duration::days(4 * 366);
    let calls = std::cell::Cell::new(0u64);
    let counting = |at| {
        calls.set(calls.get() + 1);
        attune::domain::time::utc(at)
    };
    let zone: attune::domain::time::Zone = &counting;
    let t = std::time::Instant::now();
    let mut k = 0;
    for _ in 0..20 {
        k += caseload(&store, &scale, now, zone).len();
    }
    println!("zone calls per caseload: {}", calls.get() / 20);
    println!(
        "caseload: {:.2} ms each ({k})",
        t.elapsed().as_secs_f64() * 1000.0 / 20.0
    );
}
