//! The architecture's rules, checked on the source itself so they hold
//! without a reviewer: the domain stays pure, its areas import one way (no
//! two areas import each other), and no module keeps hidden state in a
//! `thread_local!`.
//!
//! The area order is read from `src/domain/mod.rs` (its `pub mod` lines are
//! alphabetical; the order is the doc list `- [`area`]` there), so changing
//! the order is one edit in the place a newcomer reads.

mod common_source;
use common_source::rust_files;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The code of a file without its comments and without its test module:
/// doc links may name any module, and a file's own tests may build
/// fixtures from a higher area.
fn code_of(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The areas in import order, from the bullet list in `src/domain/mod.rs`
/// (`//! - [`time`] and [`route`]: …` names two leaves on one line).
fn area_order(root: &Path) -> Vec<String> {
    let text = fs::read_to_string(root.join("src/domain/mod.rs")).expect("domain/mod.rs");
    let mut order = Vec::new();
    for line in text.lines().filter(|l| l.starts_with("//! - ")) {
        let head = line.split(':').next().unwrap_or("");
        for part in head.split("[`").skip(1) {
            if let Some(name) = part.split('`').next() {
                order.push(name.to_string());
            }
        }
    }
    order
}

/// The area a file under `src/domain` belongs to: its first path part.
fn area_of(domain: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(domain).expect("file under src/domain");
    let first = rel.components().next().expect("a path part");
    first
        .as_os_str()
        .to_string_lossy()
        .trim_end_matches(".rs")
        .to_string()
}

/// The areas a piece of code names through `crate::domain::<area>`.
fn areas_named(code: &str) -> Vec<String> {
    code.split("crate::domain::")
        .skip(1)
        .map(|rest| {
            rest.chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect()
        })
        .collect()
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_area_list_names_every_folder_of_the_domain() {
    let root = root();
    let order = area_order(&root);
    let domain = root.join("src/domain");
    let mut found: Vec<String> = rust_files(&domain)
        .iter()
        .map(|f| area_of(&domain, f))
        .filter(|a| a != "mod")
        .collect();
    found.sort();
    found.dedup();
    let mut listed = order.clone();
    listed.sort();
    assert_eq!(found, listed, "src/domain/mod.rs lists each area once");
}

#[test]
fn an_area_imports_only_the_areas_before_it() {
    let root = root();
    let order = area_order(&root);
    let rank: BTreeMap<&str, usize> = order
        .iter()
        .enumerate()
        .map(|(i, a)| (a.as_str(), i))
        .collect();
    let domain = root.join("src/domain");
    let mut wrong = Vec::new();
    for file in rust_files(&domain) {
        let area = area_of(&domain, &file);
        let Some(&mine) = rank.get(area.as_str()) else {
            continue; // mod.rs itself
        };
        let code = code_of(&fs::read_to_string(&file).expect("readable"));
        // A grouped path (`crate::domain::{a, b}`) would hide the areas it names.
        if code.contains("crate::domain::{") {
            wrong.push(format!("{} groups domain paths", file.display()));
        }
        for named in areas_named(&code) {
            match rank.get(named.as_str()) {
                Some(&theirs) if named != area && theirs > mine => {
                    wrong.push(format!("{} imports {named}", file.display()));
                }
                Some(_) => {}
                None => wrong.push(format!("{} names no area: {named}", file.display())),
            }
        }
    }
    assert!(wrong.is_empty(), "upward imports: {wrong:#?}");
}

#[test]
fn the_domain_touches_no_browser_clock_or_random() {
    let root = root();
    let mut wrong = Vec::new();
    for file in rust_files(&root.join("src/domain")) {
        let code = code_of(&fs::read_to_string(&file).expect("readable"));
        for banned in [
            "leptos",
            "web_sys",
            "js_sys",
            "wasm_bindgen",
            "Utc::now",
            "Local::now",
            "SystemTime",
            "Instant::now",
            "rand::",
            "getrandom",
            "crate::ui",
            "crate::storage",
            "crate::sync",
            "crate::platform",
        ] {
            if code.contains(banned) {
                wrong.push(format!("{} uses {banned}", file.display()));
            }
        }
    }
    assert!(wrong.is_empty(), "impure domain: {wrong:#?}");
}

#[test]
fn the_reader_finds_an_upward_import_when_there_is_one() {
    // The checks above pass on a clean tree; this one shows they can fail.
    let code = code_of(
        "use crate::domain::sync::revs::WireDoc;\n// crate::domain::caseload in a comment\n#[cfg(test)]\nmod tests { use crate::domain::export::x; }",
    );
    assert_eq!(areas_named(&code), vec!["sync".to_string()]);
    let order = area_order(&root());
    let measures = order.iter().position(|a| a == "measures").unwrap();
    let sync = order.iter().position(|a| a == "sync").unwrap();
    assert!(measures < sync, "measures is below sync: {order:?}");
}

/// Every `.rs` file under `src/`, with its path from the crate root.
fn source_files() -> Vec<(String, String)> {
    let root = root();
    rust_files(&root.join("src"))
        .into_iter()
        .map(|f| {
            let rel = f
                .strip_prefix(&root)
                .expect("under the crate")
                .display()
                .to_string();
            (rel, fs::read_to_string(&f).expect("readable"))
        })
        .collect()
}

#[test]
fn no_module_keeps_hidden_state_in_a_thread_local() {
    let found: Vec<String> = source_files()
        .into_iter()
        .filter(|(_, text)| code_of(text).contains("thread_local!"))
        .map(|(path, _)| path)
        .collect();
    assert!(found.is_empty(), "thread_local! in {found:#?}");
}

#[test]
fn the_shell_layers_import_downwards_only() {
    // The platform knows only the domain; storage and sync know the
    // platform and the domain; the UI may use them all.
    let rules: [(&str, &[&str]); 3] = [
        (
            "src/platform/",
            &["crate::storage", "crate::sync", "crate::ui"],
        ),
        ("src/storage/", &["crate::sync", "crate::ui"]),
        ("src/sync/", &["crate::ui"]),
    ];
    let mut wrong = Vec::new();
    for (path, text) in source_files() {
        let code = code_of(&text);
        for (layer, banned) in &rules {
            if path.starts_with(layer) {
                for b in *banned {
                    if code.contains(&format!("{b}::")) || code.contains(&format!("{b};")) {
                        wrong.push(format!("{path} uses {b}"));
                    }
                }
            }
        }
    }
    assert!(wrong.is_empty(), "upward imports in the shell: {wrong:#?}");
}
