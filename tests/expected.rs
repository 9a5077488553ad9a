//! "Clients here who started like this": the ±2.0 window, the 10-client
//! threshold (for the path and for each session number) and the median.

use attune::domain::course::expected::{expected_path, ExpectedPoint};
use attune::domain::measures::score::Total;

fn client(totals: &[u16]) -> Vec<Total> {
    totals.iter().copied().map(Total).collect()
}

fn many(n: usize, totals: &[u16]) -> Vec<Vec<Total>> {
    (0..n).map(|_| client(totals)).collect()
}

#[test]
fn nine_similar_clients_are_not_enough_ten_are() {
    assert_eq!(expected_path(Total(200), &many(9, &[200, 220])), None);
    let path = expected_path(Total(200), &many(10, &[200, 220])).expect("ten clients");
    assert_eq!(path.matched_clients, 10);
    assert_eq!(
        path.points,
        [
            ExpectedPoint {
                session: 1,
                median: Total(200),
                clients: 10
            },
            ExpectedPoint {
                session: 2,
                median: Total(220),
                clients: 10
            },
        ]
    );
    assert!(path.label().contains("median of 10 earlier clients"));
    assert!(path.label().contains("not a prediction"));
}

#[test]
fn the_intake_window_is_two_points_either_side_inclusive() {
    let mut others = many(9, &[200]);
    // 2.1 away on either side: outside, still 9.
    others.push(client(&[221]));
    others.push(client(&[179]));
    assert_eq!(expected_path(Total(200), &others), None);
    // Exactly 2.0 above is inside: 10.
    others.push(client(&[220]));
    assert_eq!(
        expected_path(Total(200), &others).unwrap().matched_clients,
        10
    );
    // Exactly 2.0 below is inside too: 10.
    let mut below = many(9, &[200]);
    below.push(client(&[180]));
    assert_eq!(
        expected_path(Total(200), &below).unwrap().matched_clients,
        10
    );
    // Near the ends of the scale the window does not wrap or overflow.
    assert_eq!(
        expected_path(Total(0), &many(10, &[20]))
            .unwrap()
            .matched_clients,
        10
    );
    assert_eq!(
        expected_path(Total(400), &many(10, &[380]))
            .unwrap()
            .matched_clients,
        10
    );
}

#[test]
fn a_session_number_needs_ten_clients_and_the_path_ends_there() {
    let mut others = many(10, &[200, 210]);
    for c in others.iter_mut().take(9) {
        c.push(Total(230)); // only nine reach session 3
    }
    let path = expected_path(Total(200), &others).unwrap();
    assert_eq!(path.points.len(), 2);
    others[9].push(Total(250)); // now ten do
    let path = expected_path(Total(200), &others).unwrap();
    assert_eq!(path.points.len(), 3);
    assert_eq!(
        path.points[2],
        ExpectedPoint {
            session: 3,
            median: Total(230),
            clients: 10
        }
    );
}

#[test]
fn medians_are_exact_and_even_counts_round_half_up() {
    // Odd count (11): the middle value.
    let others: Vec<Vec<Total>> = (0..11u16).map(|i| client(&[200, 200 + i * 10])).collect();
    let path = expected_path(Total(200), &others).unwrap();
    assert_eq!(path.points[1].median, Total(250));
    // Even count (10): 0,10,…,90 → middle pair 40 and 50 → 45.
    let others: Vec<Vec<Total>> = (0..10u16).map(|i| client(&[200, 200 + i * 10])).collect();
    assert_eq!(
        expected_path(Total(200), &others).unwrap().points[1].median,
        Total(245)
    );
    // Middle pair 24.0 and 24.1 → 24.05 → 24.1 (half up).
    let mut others = many(5, &[200, 240]);
    others.extend(many(5, &[200, 241]));
    assert_eq!(
        expected_path(Total(200), &others).unwrap().points[1].median,
        Total(241)
    );
    // Order of clients does not matter.
    others.reverse();
    assert_eq!(
        expected_path(Total(200), &others).unwrap().points[1].median,
        Total(241)
    );
}

#[test]
fn non_matching_and_empty_clients_are_ignored() {
    let mut others = many(10, &[200, 260]);
    others.extend(many(20, &[300, 100])); // far intake: would drag the median down
    others.push(Vec::new());
    let path = expected_path(Total(200), &others).unwrap();
    assert_eq!(path.matched_clients, 10);
    assert_eq!(path.points[1].median, Total(260));
    assert_eq!(expected_path(Total(200), &[]), None);
}
