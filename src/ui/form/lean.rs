//! The form's first module (binary `attune`): the plain form only, without
//! the UI framework. It takes over the static first paint of `index.html`
//! (the header, the heading and the instructions, already on screen) and adds
//! the four lines, Done, "Clear all marks" and the hint, drawing exactly what
//! the full form module draws (the same elements, classes and ARIA, from the
//! same scale definition and the same slider rules), and keeps the draft at
//! every mark. Done's save is the full form module's (binary `form`,
//! [`crate::ui::shared::app::start_form`]), instantiated ahead once the page
//! is idle: it stores the rating without drawing anything and this module
//! draws the thank-you ([`saved_ahead`]). Everything else is the full
//! module's: Hand to client, presentation mode, client mode arriving from
//! another tab or the idle lock, another screen named in the address, and
//! Done before the full module is there. For those it hands the page over: its form turns `inert`, and the page's
//! loader (written by `scripts/postbuild.mjs`) starts the full module, which
//! reads the same draft, and then presses the control that was pressed here.
//! Which module shows the page is [`crate::domain::screens::lean`]'s rule.

use crate::domain::device::settings::DeviceSettings;
use crate::domain::measures::scale::ScaleDefinition;
use crate::domain::measures::score::Tenths;
use crate::domain::measures::slider::{key_to_value, value_text};
use crate::domain::records::draft::Draft;
use crate::domain::screens::form::{line_length_css, lines_left_text};
use crate::domain::screens::lean::{lean_shows, PageFacts};
use crate::storage;
use crate::ui::shared::browser;
use crate::ui::shared::state::nav::location_hash;
use crate::ui::{Screen, THERAPIST_PAGE};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The static first paint's root (`#paint`), which this module takes as its
/// own and renames: the page's loader takes `#first-module` away in the task
/// the full module mounts in, so no frame between the two is empty or shows
/// both.
const PAINT: &str = "paint";
const ROOT: &str = "first-module";

/// What the full module presses once it has the page: Done, Hand to client,
/// presentation mode (the same controls in its own drawing).
const DONE: &str = ".rate .actions button.primary";
const LOCK: &str = ".lock-button";
const PRESENT: &str = ".present-toggle";

/// A pointer gesture in progress on one line: which pointer, and the mark
/// to restore if the browser cancels it (as `vas.rs`).
#[derive(Clone, Copy)]
struct Gesture {
    line: usize,
    pointer_id: i32,
    before: Option<Tenths>,
}

/// The page while this module has it.
struct Lean {
    draft: RefCell<Draft>,
    lines: Vec<web_sys::Element>,
    done: web_sys::Element,
    hint: web_sys::Element,
    actions: web_sys::Element,
    clear: RefCell<Option<web_sys::Element>>,
    gesture: Cell<Option<Gesture>>,
    settings: RefCell<DeviceSettings>,
    last_input: Cell<f64>,
    /// Set once the full module has the page: every listener stands aside.
    gone: Cell<bool>,
}

/// Starts the form page with the first module: as `mount_form`, a rating on
/// a version only the therapist page draws continues there; the plain form
/// is drawn here; anything else goes to the full module at once.
pub fn mount_lean() {
    let saved = storage::load_draft();
    if crate::domain::device::handover::form_sends_draft_on(
        storage::is_locked(),
        Screen::from_hash(&location_hash()) == Screen::Rate,
        saved.as_ref().map(|d| d.scale_id.as_str()),
    ) {
        browser::replace(&format!("{THERAPIST_PAGE}{}", Screen::RateHere.to_hash()));
        return;
    }
    crate::ui::shared::panic::test_trigger();
    let srs = ScaleDefinition::builtin();
    let hash = location_hash();
    let client_words = storage::words_reach(saved.as_ref().is_some_and(|d| d.client_id.is_some()));
    let facts = PageFacts {
        locked: storage::is_locked(),
        presenting: storage::presenting(),
        hash: &hash,
        draft_scale: saved.as_ref().map(|d| d.scale_id.as_str()),
        srs_id: &srs.id,
        client_words,
        frame_words: storage::page_lang::frame_stored(&crate::platform::browser::LocalStore),
    };
    // No storage (a banner says so) or ratings this tab could not store
    // before (the full module tries again): the full module's too.
    let plain =
        lean_shows(&facts) && storage::has_storage() && storage::pending_records().is_empty();
    let root = browser::element(PAINT);
    let (Some(root), true) = (root, plain) else {
        hand_over(None);
        return;
    };
    let draft = saved
        .filter(|d| d.fits(&srs))
        .unwrap_or_else(|| Draft::blank(&srs));
    let Some(lean) = draw(&root, &srs, draft) else {
        hand_over(None);
        return;
    };
    root.set_id(ROOT);
    listen(&lean, &root);
    browser::mark("attune-ready");
}

/// Gives the page to the full form module, once, which then presses
/// `press` (a selector) if given.
fn hand_over_from(lean: &Lean, press: Option<&str>) {
    if lean.gone.replace(true) {
        return;
    }
    if let Some(root) = browser::element(ROOT) {
        let _ = root.set_attribute("inert", "");
    }
    // This tab's marks, in memory: another tab may have written its own
    // draft since (one localStorage key for all), or storage may be full,
    // and the full module must go on with this tab's (`handed_draft`).
    if let Some(w) = web_sys::window() {
        let text = JsValue::from_str(&lean.draft.borrow().encode());
        let _ = js_sys::Reflect::set(&w, &JsValue::from_str(HANDED), &text);
        // Done is done by the full module as it starts, before it draws
        // the form ([`handed_done`]). Written at every hand-over: a Done
        // whose hand-over failed must not be done by a later one.
        let done = JsValue::from_bool(press == Some(DONE));
        let _ = js_sys::Reflect::set(&w, &JsValue::from_str(HANDED_DONE), &done);
    }
    hand_over(press);
}

/// Done when the page's loader has instantiated the full module ahead: it
/// saves this tab's marks without mounting anything
/// (`window.attuneSaveDone`, [`crate::ui::form::rate::save_handed`]: the
/// rating built and stored as the full module's own Done stores it), and the
/// thank-you is drawn here in the form's place, with the full module's
/// markup and words (not the presentation hint: this module never
/// presents). False when nothing was saved (no full module yet, a draft not
/// complete, storage refusing the record): Done is then handed over. The
/// marks are let go once saved; every control after the thank-you ("New
/// rating", Hand to client, the idle lock) hands the page over.
fn saved_ahead(lean: &Rc<Lean>) -> bool {
    use crate::domain::measures::messages::Msg;
    let Some(w) = web_sys::window() else {
        return false;
    };
    let Some(save) = js_sys::Reflect::get(&w, &JsValue::from_str("attuneSaveDone"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    else {
        return false;
    };
    let text = JsValue::from_str(&lean.draft.borrow().encode());
    let _ = js_sys::Reflect::set(&w, &JsValue::from_str(HANDED), &text);
    let Some(id) = save.call0(&JsValue::NULL).ok().and_then(|v| v.as_string()) else {
        return false;
    };
    *lean.draft.borrow_mut() = Draft::blank(&ScaleDefinition::builtin());
    let Some(main) = browser::element("main") else {
        return true;
    };
    main.set_inner_html(&format!(
        "<section class=\"thanks\" aria-labelledby=\"thanks-heading\" data-testid=\"thanks\" lang=\"en\" dir=\"ltr\">\
         <h1 id=\"thanks-heading\" tabindex=\"-1\">{}</h1><p>{} {}</p><div class=\"actions\">\
         <button type=\"button\" class=\"primary\">{}</button><button type=\"button\">{}</button>\
         <p class=\"hint\" aria-live=\"polite\"></p></div></section>",
        Msg::ThankYou.en(),
        Msg::Saved.en(),
        Msg::HandBack.en(),
        Msg::OpenReview.en(),
        Msg::NewRating.en(),
    ));
    let review = format!("{THERAPIST_PAGE}{}", Screen::Review(id).to_hash());
    if let Some(b) = main.query_selector(".thanks .primary").ok().flatten() {
        on(&b, "click", move |_: web_sys::Event| {
            browser::navigate(&review)
        });
    }
    if let Some(b) = main
        .query_selector(".thanks button:not(.primary)")
        .ok()
        .flatten()
    {
        // A new rating: the full module draws the form (the draft is blank).
        let l = lean.clone();
        on(&b, "click", move |_: web_sys::Event| {
            hand_over_from(&l, None)
        });
    }
    browser::focus("thanks-heading");
    browser::scroll_to_top();
    true
}

/// Where the first module says the hand-over is for its Done.
const HANDED_DONE: &str = "attuneHandedDone";

/// In the full module: whether the first module handed the page over for
/// its Done (taken, once). The full module then saves the handed marks as
/// it starts and shows the thank-you, without drawing the form first: the
/// press costs what Done costs in the full module alone.
pub fn handed_done() -> bool {
    let Some(w) = web_sys::window() else {
        return false;
    };
    let key = JsValue::from_str(HANDED_DONE);
    let done = js_sys::Reflect::get(&w, &key).is_ok_and(|v| v.is_truthy());
    let _ = js_sys::Reflect::delete_property(&w, &key);
    done
}

/// Where the first module leaves its draft for the full one, in the page.
const HANDED: &str = "attuneHandedDraft";

/// In the full module, before anything reads the draft: keeps the draft the
/// first module handed over (this tab's marks) where the page reads it, in
/// the same task as the full module then reads it, so another tab's draft
/// cannot come between; [`handed_draft`] then takes it.
pub fn keep_handed_draft() {
    let Some(d) = read_handed(false) else { return };
    if d.is_empty() && d.client_id.is_none() && d.session_at.is_none() {
        storage::clear_draft();
    } else if let Err(e) = storage::save_draft(&d) {
        web_sys::console::warn_1(&format!("draft not saved: {e}").into());
    }
}

/// The draft the first module handed over, taken (once): the marks go on
/// even when storage could not keep them (a full quota).
pub fn handed_draft() -> Option<Draft> {
    read_handed(true)
}

/// The draft the first module handed over, left where it is.
pub fn peek_handed_draft() -> Option<Draft> {
    read_handed(false)
}

fn read_handed(take: bool) -> Option<Draft> {
    let w = web_sys::window()?;
    let key = JsValue::from_str(HANDED);
    let text = js_sys::Reflect::get(&w, &key).ok()?.as_string()?;
    if take {
        let _ = js_sys::Reflect::delete_property(&w, &key);
    }
    Draft::decode(&text)
}

/// Asks the page's loader to start the full module (`window.attuneFull`).
fn hand_over(press: Option<&str>) {
    let start = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &JsValue::from_str("attuneFull")).ok())
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    match start {
        Some(f) => {
            let arg = press.map_or(JsValue::UNDEFINED, JsValue::from_str);
            let _ = f.call1(&JsValue::NULL, &arg);
        }
        // A page built without the full module (`trunk serve` alone).
        None => web_sys::console::error_1(&"attune: the full form module is missing".into()),
    }
}

/// Text for HTML: the scale's words may hold `&`, `<`, quotes.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// Replaces the static paint's `main` with the rating screen as the full
/// module draws it (`rate.rs`, `vas.rs`, `app.rs`), the header kept as it is.
fn draw(root: &web_sys::Element, srs: &ScaleDefinition, draft: Draft) -> Option<Rc<Lean>> {
    let settings = storage::load_settings_light(0.0, None).settings;
    let mut html = String::from(
        "<div class=\"banners\"></div><main id=\"main\" tabindex=\"-1\">\
         <section class=\"rate\" aria-labelledby=\"rate-heading\"><div lang=\"en\">",
    );
    html.push_str(&format!(
        "<h1 id=\"rate-heading\">{}</h1><p class=\"intro\">{}</p>",
        escape(&srs.heading),
        escape(&srs.intro)
    ));
    for (i, item) in srs.items.iter().enumerate() {
        html.push_str(&format!(
            "<div class=\"item\"><h2 class=\"item-title\" id=\"item-{i}-title\">{title}</h2>\
             <div class=\"vas\" role=\"slider\" tabindex=\"0\" aria-labelledby=\"item-{i}-title\" \
             aria-describedby=\"item-{i}-ends\" aria-orientation=\"horizontal\" aria-valuemin=\"0\" \
             aria-valuemax=\"10\" data-item=\"{id}\"><span class=\"vas-line\" aria-hidden=\"true\"></span></div>\
             <p class=\"anchors\" id=\"item-{i}-ends\"><span class=\"anchor-left\"><span>\
             <span class=\"sr-only\">Left end: </span>{left}<span class=\"sr-only\">. </span></span></span>\
             <span class=\"anchor-right\"><span><span class=\"sr-only\">Right end: </span>{right}</span></span></p></div>",
            title = escape(&item.title),
            id = escape(&item.id),
            left = escape(&item.left),
            right = escape(&item.right),
        ));
    }
    html.push_str(
        "</div><div class=\"actions\"><button type=\"button\" class=\"primary\">Done</button>\
         <p class=\"hint\" aria-live=\"polite\"></p></div></section>",
    );
    // A new therapist's starting point (as FormApp's).
    if settings.pin.is_none() && !storage::has_data() {
        html.push_str(&format!(
            "<p class=\"banner info first-open\" data-testid=\"first-open\">New to Attune? \
             <a href=\"{THERAPIST_PAGE}#/clients\">Set it up first</a> (clients, a PIN, the line, a backup).</p>"
        ));
    }
    html.push_str("</main>");
    root.query_selector("main").ok()??.remove();
    root.insert_adjacent_html("beforeend", &html).ok()?;
    let lines = (0..srs.items.len())
        .map(|i| {
            root.query_selector(&format!("#item-{i}-ends"))
                .ok()
                .flatten()
        })
        .map(|p| p.and_then(|p| p.previous_element_sibling()))
        .collect::<Option<Vec<_>>>()?;
    let lean = Rc::new(Lean {
        draft: RefCell::new(draft),
        lines,
        done: root.query_selector(DONE).ok()??,
        hint: root.query_selector(".hint").ok()??,
        actions: root.query_selector(".actions").ok()??,
        clear: RefCell::new(None),
        gesture: Cell::new(None),
        settings: RefCell::new(settings),
        last_input: Cell::new(browser::now_ms()),
        gone: Cell::new(false),
    });
    line_length(&lean, root);
    for i in 0..lean.lines.len() {
        show_line(&lean, i);
    }
    show_actions(&lean);
    Some(lean)
}

/// The calibrated line length (as `app.rs`'s `line_length`).
fn line_length(lean: &Lean, root: &web_sys::Element) {
    let css = lean.settings.borrow().calibration.and_then(|c| {
        c.px_per_mm_at(browser::device_pixel_ratio())
            .ok()
            .map(line_length_css)
    });
    if let Some(el) = root.dyn_ref::<web_sys::HtmlElement>() {
        let style = el.style();
        let _ = match css {
            Some(v) => style.set_property("--line-length", &v),
            None => style.remove_property("--line-length").map(|_| ()),
        };
    }
}

/// Draws line `i`'s mark and its ARIA value (as `vas.rs`).
fn show_line(lean: &Lean, i: usize) {
    let value = lean.draft.borrow().scores.get(i).copied().flatten();
    let el = &lean.lines[i];
    let _ = el.class_list().toggle_with_force("rated", value.is_some());
    match value {
        Some(v) => {
            let _ = el.set_attribute("aria-valuenow", &v.to_string());
        }
        None => {
            let _ = el.remove_attribute("aria-valuenow");
        }
    }
    let _ = el.set_attribute("aria-valuetext", &value_text(value));
    let mark = el.query_selector(".vas-mark").ok().flatten();
    match (value, mark) {
        (Some(v), mark) => {
            let mark = mark.or_else(|| {
                let m = el.owner_document()?.create_element("span").ok()?;
                m.set_class_name("vas-mark");
                let _ = m.set_attribute("aria-hidden", "true");
                let _ = el.append_child(&m);
                Some(m)
            });
            if let Some(m) = mark.and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = m.style().set_property("left", &format!("{}%", v.get()));
            }
        }
        (None, Some(m)) => m.remove(),
        (None, None) => {}
    }
}

/// Done's state, the hint and "Clear all marks" (as `rate.rs`).
fn show_actions(lean: &Rc<Lean>) {
    let (complete, empty, left) = {
        let d = lean.draft.borrow();
        (
            d.is_complete(),
            d.is_empty(),
            d.scores.iter().filter(|s| s.is_none()).count(),
        )
    };
    let _ = lean.done.toggle_attribute_with_force("disabled", !complete);
    lean.hint.set_text_content(Some(&lines_left_text(left)));
    let mut clear = lean.clear.borrow_mut();
    match (empty, clear.as_ref()) {
        (false, None) => {
            let Some(button) = lean
                .done
                .owner_document()
                .and_then(|d| d.create_element("button").ok())
            else {
                return;
            };
            let _ = button.set_attribute("type", "button");
            button.set_text_content(Some(
                crate::domain::measures::messages::Msg::ClearAllMarks.en(),
            ));
            let _ = lean.actions.insert_before(&button, Some(&lean.hint));
            let l = lean.clone();
            on(&button, "click", move |_: web_sys::Event| {
                // The marks go; the measure, client and session stay.
                set(&l, None, |d| d.scores.iter_mut().for_each(|s| *s = None));
            });
            *clear = Some(button);
        }
        (true, Some(button)) => {
            button.remove();
            *clear = None;
        }
        _ => {}
    }
}

/// Changes the draft, redraws what changed and keeps it at once, so a
/// reload or a crash loses no mark (as `rate.rs`).
fn set(lean: &Rc<Lean>, line: Option<usize>, change: impl FnOnce(&mut Draft)) {
    change(&mut lean.draft.borrow_mut());
    match line {
        Some(i) => show_line(lean, i),
        None => (0..lean.lines.len()).for_each(|i| show_line(lean, i)),
    }
    show_actions(lean);
    let d = lean.draft.borrow();
    if d.is_empty() && d.client_id.is_none() && d.session_at.is_none() {
        storage::clear_draft();
    } else if let Err(e) = storage::save_draft(&d) {
        // Not the error's `Display`: that carries every sentence of a
        // blocked save (which a draft's write never gives), and this module
        // is the form's first load.
        let why = match &e {
            storage::StorageError::Other(why) => why.as_str(),
            storage::StorageError::Quota => "storage is full",
            _ => "storage refused it",
        };
        web_sys::console::warn_2(&"draft not saved:".into(), &why.into());
    }
}

/// Sets line `i`'s mark, if it changed.
fn mark(lean: &Rc<Lean>, i: usize, value: Option<Tenths>) {
    if lean.draft.borrow().scores.get(i).copied().flatten() != value {
        set(lean, Some(i), |d| {
            if let Some(slot) = d.scores.get_mut(i) {
                *slot = value;
            }
        });
    }
}

/// Adds a listener for the page's life.
fn on<E: JsCast + 'static>(target: &web_sys::EventTarget, event: &str, f: impl Fn(E) + 'static) {
    let closure = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
        if let Ok(ev) = ev.dyn_into::<E>() {
            f(ev);
        }
    });
    let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    closure.forget();
}

/// The mark under the pointer: the line's box is the line (as `vas.rs`).
fn value_at(el: &web_sys::Element, ev: &web_sys::PointerEvent) -> Tenths {
    let r = el.get_bounding_client_rect();
    // web-sys types clientX as i32; the platform gives sub-pixel precision.
    let x = js_sys::Reflect::get(ev, &JsValue::from_str("clientX"))
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or_else(|| f64::from(ev.client_x()));
    Tenths::from_position(x, r.left(), r.width())
}

/// The lines' pointer and key handling, the header's buttons, Done, and the
/// page's listeners (another tab, the address, the idle lock).
fn listen(lean: &Rc<Lean>, root: &web_sys::Element) {
    for (i, el) in lean.lines.iter().enumerate() {
        let (l, e) = (lean.clone(), el.clone());
        on(el, "pointerdown", move |ev: web_sys::PointerEvent| {
            if !ev.is_primary() || ev.button() != 0 {
                return;
            }
            ev.prevent_default();
            let _ = e.set_pointer_capture(ev.pointer_id());
            if let Some(h) = e.dyn_ref::<web_sys::HtmlElement>() {
                let _ = h.focus();
            }
            let before = l.draft.borrow().scores.get(i).copied().flatten();
            l.gesture.set(Some(Gesture {
                line: i,
                pointer_id: ev.pointer_id(),
                before,
            }));
            // A tap alone places the mark (WCAG 2.5.7: no drag needed).
            mark(&l, i, Some(value_at(&e, &ev)));
        });
        let ours = |l: &Lean, i: usize, ev: &web_sys::PointerEvent| {
            l.gesture
                .get()
                .filter(|g| g.line == i && g.pointer_id == ev.pointer_id())
        };
        let (l, e) = (lean.clone(), el.clone());
        on(el, "pointermove", move |ev: web_sys::PointerEvent| {
            if ours(&l, i, &ev).is_some() {
                mark(&l, i, Some(value_at(&e, &ev)));
            }
        });
        let l = lean.clone();
        on(el, "pointerup", move |ev: web_sys::PointerEvent| {
            if ours(&l, i, &ev).is_some() {
                l.gesture.set(None);
            }
        });
        let l = lean.clone();
        on(el, "pointercancel", move |ev: web_sys::PointerEvent| {
            if let Some(g) = ours(&l, i, &ev) {
                l.gesture.set(None);
                mark(&l, i, g.before);
            }
        });
        let l = lean.clone();
        // Only this gesture's own pointer: a late loss from an earlier touch
        // must not end the next one (its cancel could not restore then).
        on(
            el,
            "lostpointercapture",
            move |ev: web_sys::PointerEvent| {
                if ours(&l, i, &ev).is_some() {
                    l.gesture.set(None);
                }
            },
        );
        let l = lean.clone();
        on(el, "keydown", move |ev: web_sys::KeyboardEvent| {
            if ev.alt_key() || ev.ctrl_key() || ev.meta_key() {
                return;
            }
            let current = l.draft.borrow().scores.get(i).copied().flatten();
            if let Some(v) = key_to_value(&ev.key(), current) {
                ev.prevent_default();
                mark(&l, i, Some(v));
            }
        });
    }
    // Done: saved by the full module instantiated ahead and thanked here
    // (`saved_ahead`), else handed over to the full module.
    let l = lean.clone();
    on(&lean.done, "click", move |_: web_sys::Event| {
        if !l.gone.get() && !saved_ahead(&l) {
            hand_over_from(&l, Some(DONE));
        }
    });
    // The controls the full module answers: it presses them again there.
    for (selector, press) in [(LOCK, LOCK), (PRESENT, PRESENT)] {
        if let Some(el) = root.query_selector(selector).ok().flatten() {
            let (l, r) = (lean.clone(), root.clone());
            on(&el, "click", move |ev: web_sys::Event| {
                if press == PRESENT {
                    // Shown at once, as the full module will show it.
                    let _ = r.class_list().add_1("present");
                    if let Some(b) = ev
                        .current_target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    {
                        let _ = b.set_attribute("aria-pressed", "true");
                    }
                }
                hand_over_from(&l, Some(press))
            });
        }
    }
    if let Some(skip) = root.query_selector(".skip-link").ok().flatten() {
        on(&skip, "click", |_: web_sys::Event| browser::focus("main"));
    }
    let Some(w) = web_sys::window() else { return };
    // The page's loader could not start the full module (it says so in the
    // hint and gives the form back): the next press tries again.
    let l = lean.clone();
    on(&w, "attune-handover-failed", move |_: web_sys::Event| {
        l.gone.set(false)
    });
    let l = lean.clone();
    on(&w, "storage", move |ev: web_sys::StorageEvent| {
        if l.gone.get() {
            return;
        }
        match ev.key().as_deref() {
            // A round started in another tab: it runs on the therapist
            // page, so this tab shows nothing a client could mark and goes
            // there (as `lock::hand_over_to_round` and `web/paint.js`).
            Some(storage::LOCK_KEY)
                if crate::domain::device::handover::form_hands_over(
                    storage::lock_marker().as_deref(),
                ) =>
            {
                l.gone.set(true);
                if let Some(root) = browser::element(ROOT) {
                    root.remove();
                }
                browser::replace(THERAPIST_PAGE);
            }
            // Client mode started in another tab: this tab follows at once,
            // in the full module.
            Some(storage::LOCK_KEY) if storage::lock_marker().is_some() => hand_over_from(&l, None),
            Some(storage::SETTINGS_KEY) => {
                *l.settings.borrow_mut() = storage::load_settings_light(0.0, None).settings;
                if let Some(root) = browser::element(ROOT) {
                    line_length(&l, &root);
                    // A PIN set elsewhere: the new therapist's pointer goes.
                    if l.settings.borrow().pin.is_some() {
                        if let Ok(Some(p)) = root.query_selector(".first-open") {
                            p.remove();
                        }
                    }
                }
            }
            _ => {}
        }
    });
    let l = lean.clone();
    on(&w, "hashchange", move |_: web_sys::Event| {
        if !matches!(location_hash().as_str(), "" | "#/") {
            hand_over_from(&l, None);
        }
    });
    // The idle lock (as `lock::start_idle_lock`): client mode after
    // `idle_lock_secs` without input, when a PIN is set.
    for ev in ["pointerdown", "keydown", "pointermove", "wheel"] {
        let l = lean.clone();
        on(&w, ev, move |_: web_sys::Event| {
            l.last_input.set(browser::now_ms())
        });
    }
    let l = lean.clone();
    let tick = Closure::<dyn Fn()>::new(move || {
        let secs = {
            let s = l.settings.borrow();
            if s.can_lock() {
                s.idle_lock_secs
            } else {
                0
            }
        };
        if secs == 0 || l.gone.get() {
            l.last_input.set(browser::now_ms());
        } else if browser::now_ms() - l.last_input.get() >= f64::from(secs) * 1000.0 {
            hand_over_from(&l, Some(LOCK));
        }
    });
    let _ = w.set_interval_with_callback_and_timeout_and_arguments_0(
        tick.as_ref().unchecked_ref(),
        1000,
    );
    tick.forget();
}
