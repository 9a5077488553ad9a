//! "Clients here who started like this": the ±2.0 window, the 10-client
//! threshold (for the path and for each session number) and the median.

use attune::domain::course::expected::{expected_path, Course, ExpectedPoint};
use attune::domain::measures::score::Total;

fn client(totals: &[u16]) -> Vec<Total> {
    totals.iter().copied().map(Total).collect()
}

/// Each path as another client's one course (ids c0, c1, …).
fn named(paths: Vec<Vec<Total>>) -> Vec<Course> {
    paths
        .into_iter()
        .enumerate()
        .map(|(i, t)| (format!("c{i}"), t))
        .collect()
}

fn many(n: usize, totals: &[u16]) -> Vec<Vec<Total>> {
    (0..n).map(|_| client(totals)).collect()
}

#[test]
fn nine_similar_clients_are_not_enough_ten_are() {
    assert_eq!(
        expected_path(Total(200), &named(many(9, &[200, 220]))),
        None
    );
    let path = expected_path(Total(200), &named(many(10, &[200, 220]))).expect("ten clients");
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
    assert_eq!(expected_path(Total(200), &named(others.clone())), None);
    // Exactly 2.0 above is inside: 10.
    others.push(client(&[220]));
    assert_eq!(
        expected_path(Total(200), &named(others.clone()))
            .unwrap()
            .matched_clients,
        10
    );
    // Exactly 2.0 below is inside too: 10.
    let mut below = many(9, &[200]);
    below.push(client(&[180]));
    assert_eq!(
        expected_path(Total(200), &named(below.clone()))
            .unwrap()
            .matched_clients,
        10
    );
    // Near the ends of the scale the window does not wrap or overflow.
    assert_eq!(
        expected_path(Total(0), &named(many(10, &[20])))
            .unwrap()
            .matched_clients,
        10
    );
    assert_eq!(
        expected_path(Total(400), &named(many(10, &[380])))
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
    let path = expected_path(Total(200), &named(others.clone())).unwrap();
    assert_eq!(path.points.len(), 2);
    others[9].push(Total(250)); // now ten do
    let path = expected_path(Total(200), &named(others.clone())).unwrap();
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
    let path = expected_path(Total(200), &named(others.clone())).unwrap();
    assert_eq!(path.points[1].median, Total(250));
    // Even count (10): 0,10,…,90 → middle pair 40 and 50 → 45.
    let others: Vec<Vec<Total>> = (0..10u16).map(|i| client(&[200, 200 + i * 10])).collect();
    assert_eq!(
        expected_path(Total(200), &named(others.clone()))
            .unwrap()
            .points[1]
            .median,
        Total(245)
    );
    // Middle pair 24.0 and 24.1 → 24.05 → 24.1 (half up).
    let mut others = many(5, &[200, 240]);
    others.extend(many(5, &[200, 241]));
    assert_eq!(
        expected_path(Total(200), &named(others.clone()))
            .unwrap()
            .points[1]
            .median,
        Total(241)
    );
    // Order of clients does not matter.
    others.reverse();
    assert_eq!(
        expected_path(Total(200), &named(others.clone()))
            .unwrap()
            .points[1]
            .median,
        Total(241)
    );
}

#[test]
fn non_matching_and_empty_clients_are_ignored() {
    let mut others = many(10, &[200, 260]);
    others.extend(many(20, &[300, 100])); // far intake: would drag the median down
    others.push(Vec::new());
    let path = expected_path(Total(200), &named(others.clone())).unwrap();
    assert_eq!(path.matched_clients, 10);
    assert_eq!(path.points[1].median, Total(260));
    assert_eq!(expected_path(Total(200), &[]), None);
}

#[test]
fn each_client_counts_once_however_many_courses_they_had() {
    // One client with ten courses that all started at 20.0: one client, no path.
    let one: Vec<Course> = (0..10)
        .map(|_| ("c0".to_string(), client(&[200, 220])))
        .collect();
    assert_eq!(expected_path(Total(200), &one), None);
    // Ten clients, one of them with a second course nearer this intake:
    // that course is theirs, and they count once.
    let mut ten = named(many(10, &[210, 250]));
    ten.push(("c0".to_string(), client(&[200, 300])));
    let path = expected_path(Total(200), &ten).expect("ten clients");
    assert_eq!(path.matched_clients, 10);
    assert_eq!(path.points[0].clients, 10);
    // Nine at 21.0 and the nearest course (20.0) of c0: the median at intake is 21.0.
    assert_eq!(path.points[0].median, Total(210));
    // At session 2: nine at 25.0 and c0's 30.0.
    assert_eq!(path.points[1].median, Total(250));
    assert!(
        path.label().contains("median of 10 earlier clients"),
        "{}",
        path.label()
    );
}
