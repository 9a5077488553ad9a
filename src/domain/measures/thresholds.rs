//! Every clinical threshold Attune applies, in one place, with its source.
//! Values are in tenths of a point so comparisons are exact.

/// Total below this (36.0) is a concern: Miller & Duncan's SRS cutoff
/// (clinical notes; seed 004).
pub const CUTOFF_TOTAL: u16 = 360;

/// Totals below this (35.0) are "poor": seed 002's bands (poor 0–34), with the
/// product decision that decimals below 35.0 stay poor.
pub const FAIR_FROM: u16 = 350;

/// Totals from this (39.0) up are "good": seed 002 (good 39–40).
pub const GOOD_FROM: u16 = 390;

/// Any single item below 9.0 is worth discussing: PCOMS practice (clinical notes).
pub const ITEM_DISCUSS_BELOW: u16 = 90;

/// A fall of the total by at least 1.0 since the previous session is flagged:
/// "some systems alert on any drop of >= 1 point" (clinical notes).
pub const DROP_TOTAL: u16 = 10;

/// A fall of the total by at least 3.0 is a sudden drop: product decision,
/// after seed 004's 38 -> 29 example of a drop that matters more than the level.
pub const SUDDEN_DROP_TOTAL: u16 = 30;

/// A fall of one item by at least 2.0 is also a sudden drop: product decision.
pub const SUDDEN_DROP_ITEM: u16 = 20;

/// Every item at or above 9.5 counts toward the ceiling pattern: product
/// decision for "all 10s every time may be politeness" (clinical notes).
pub const CEILING_ITEM: u16 = 95;

/// Sessions in a row (this one included) that make a ceiling pattern.
pub const CEILING_SESSIONS: usize = 3;

/// Sessions in a row with the same lowest item below 9 that signal something
/// bigger (seed 004: "repeated lows on the same item over several sessions").
pub const REPEATED_LOW_SESSIONS: usize = 3;

// --- Outcome Rating Scale (ORS) -------------------------------------------

/// Adult ORS clinical cutoff (25.0): totals below it look like a clinical
/// population, at or above it like a non-clinical one (clinical notes, "The
/// Outcome Rating Scale"; usually cited to the ORS validation study, Miller,
/// Duncan et al. 2003, not re-checked here).
pub const ORS_CUTOFF_ADULT: u16 = 250;

/// Adolescent ORS cutoff (28.0, ages 13–17). Widely repeated in PCOMS
/// material, but no primary source was found (clinical notes): kept as a
/// named value for the clinic to review before relying on it.
pub const ORS_CUTOFF_ADOLESCENT: u16 = 280;

/// Child ORS cutoff (32.0, the CORS for ages 6–12): clinical notes; usually
/// cited to the CORS validation study, Duncan et al. 2006, not re-checked here.
pub const ORS_CUTOFF_CHILD: u16 = 320;

/// Reliable change of the ORS total (5.0 points) measured from intake, the
/// first ORS (Jacobson–Truax reliable change index for the ORS; clinical notes).
pub const ORS_RELIABLE_CHANGE: u16 = 50;

/// Sessions (intake counted as session 1) after which "no reliable change
/// yet" becomes an alert. Product decision: PCOMS guidance expects most
/// change early, and the fourth session is late enough to be fair to slow
/// starters yet early enough to change course; a clinic may review it.
pub const ORS_NO_CHANGE_SESSIONS: usize = 4;

/// Intake window for "clients here who started like this" (±2.0 points):
/// product decision from the clinical notes ("intake within ±2 points").
pub const EXPECTED_INTAKE_WINDOW: u16 = 20;

/// Fewest other clients needed for that median path, and for each session
/// number on it: product decision from the clinical notes ("at least 10").
pub const EXPECTED_MIN_CLIENTS: usize = 10;

/// A client whose last rated session is this many whole days ago (21, three
/// weeks) or more is flagged as not seen: a dropout risk (seed 000: "we
/// simply don't know there is a problem until … the client doesn't return").
/// Product decision: 21 days flags, 20 does not.
pub const NOT_SEEN_DAYS: i64 = 21;

/// Fewer rated sessions than this (20) in a chosen period and a figure of the
/// therapist's own alliance says it is too early instead of showing a number:
/// product decision, so a handful of sessions is never read as a pattern
/// (seed 000: a therapist learns from their pattern, not from one session).
pub const MIN_SESSIONS_FOR_FIGURES: usize = 20;

/// Fewest episodes an outcomes-report figure (an average, a share, the
/// pre–post effect size) may rest on; below it the report says "too few to
/// tell" instead of a number (clinical notes, "Episodes of care").
/// Product decision: with fewer than 10, one client moves a share by more
/// than 10 points and the effect size's 95 % interval is wider than the
/// effect itself for any realistic change, so a number would be read as a
/// finding it cannot be. Counts (clients, episodes, endings) are facts and
/// are always shown.
pub const MIN_EPISODES_FOR_OUTCOMES: usize = 10;

// --- Several raters (couples, families, groups) ----------------------------

/// Two raters' SRS totals this far apart (5.0) or more diverge: product
/// decision in the clinical notes ("Who rates"), after seed 004's advice
/// that divergent scores in couples and family therapy are clinically
/// valuable (a split alliance) and should be named openly.
pub const SRS_DIVERGENCE_TOTAL: u16 = 50;

/// Two raters' marks on one SRS item this far apart (3.0) or more diverge:
/// product decision in the clinical notes ("Who rates"), as above.
pub const SRS_DIVERGENCE_ITEM: u16 = 30;

/// Two raters' ORS totals this far apart (5.0) or more diverge: product
/// decision in the clinical notes ("Who rates": "the same for the ORS").
pub const ORS_DIVERGENCE_TOTAL: u16 = 50;

/// Two raters' marks on one ORS item this far apart (3.0) or more diverge:
/// product decision in the clinical notes, as above.
pub const ORS_DIVERGENCE_ITEM: u16 = 30;
