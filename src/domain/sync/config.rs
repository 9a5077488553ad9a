//! This device's sync settings, as the therapist gives them and as kept on
//! the device (never synced, never exported, never holding a password).

use crate::domain::words::Words;
use serde::{Deserialize, Serialize};

/// The server address offered by default: the app's own origin under
/// `/couchdb/`, so the strict CSP's `connect-src 'self'` still holds.
pub const DEFAULT_URL: &str = "/couchdb/";
/// The database offered by default.
pub const DEFAULT_DB: &str = "attune";

/// Sync settings. The CouchDB password is not here: it is sent once to
/// sign in (the server answers with a session cookie) and never stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncConfig {
    /// The server's base address: a path on this origin (`/couchdb/`) or
    /// an `https://` URL.
    pub url: String,
    /// The clinic's database.
    pub db: String,
    /// The CouchDB user this device signs in as.
    pub user: String,
    /// Names this device in replication ids (random, made when sync is
    /// turned on).
    pub device_id: String,
    /// Names the clinic data key this device holds (from the key document).
    pub kid: String,
}

/// Why sync settings were refused, in words for the form.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// The address is neither a path on this origin nor an http(s) URL.
    #[error("Give the server address as a path on this site (such as /couchdb/) or a full https:// address.")]
    BadUrl,
    /// CouchDB's rules for database names.
    #[error("A database name starts with a small letter and has only small letters, digits and _ $ ( ) + - /.")]
    BadDb,
    /// No user name.
    #[error("Give the CouchDB user name this device signs in with.")]
    NoUser,
    /// The clinic passphrase is too short to resist guessing.
    #[error("The clinic passphrase needs at least {0} characters.")]
    ShortPassphrase(usize),
}

impl ConfigError {
    /// The refusal in `w`'s language (`Display` keeps Attune's English).
    pub fn words(&self, w: Words) -> String {
        match self {
            ConfigError::BadUrl => w.tr("Give the server address as a path on this site (such as /couchdb/) or a full https:// address.").to_string(),
            ConfigError::BadDb => w.tr("A database name starts with a small letter and has only small letters, digits and _ $ ( ) + - /.").to_string(),
            ConfigError::NoUser => w.tr("Give the CouchDB user name this device signs in with.").to_string(),
            ConfigError::ShortPassphrase(n) => w.trf(
                "The clinic passphrase needs at least {n} characters.",
                &[("n", n)],
            ),
        }
    }
}

/// The shortest clinic passphrase accepted: it protects every record on the
/// server, and the key document lets anyone with the database try guesses.
pub const MIN_PASSPHRASE_CHARS: usize = 12;

/// Checks what the therapist typed; trims the address and names.
pub fn check(
    url: &str,
    db: &str,
    user: &str,
    passphrase: &str,
) -> Result<(String, String, String), ConfigError> {
    let url = url.trim();
    let url_ok = (url.starts_with('/') && !url.starts_with("//"))
        || url.starts_with("https://")
        || url.starts_with("http://");
    if !url_ok || url.contains(char::is_whitespace) {
        return Err(ConfigError::BadUrl);
    }
    let db = db.trim();
    let db_ok = db.starts_with(|c: char| c.is_ascii_lowercase())
        && db
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_$()+-/".contains(c));
    if !db_ok {
        return Err(ConfigError::BadDb);
    }
    let user = user.trim();
    if user.is_empty() {
        return Err(ConfigError::NoUser);
    }
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(ConfigError::ShortPassphrase(MIN_PASSPHRASE_CHARS));
    }
    Ok((url.to_string(), db.to_string(), user.to_string()))
}

impl SyncConfig {
    /// The database's base address, ending in `/`: `/couchdb/attune/`.
    pub fn db_url(&self) -> String {
        format!(
            "{}/{}/",
            self.url.trim_end_matches('/'),
            percent_db(&self.db)
        )
    }

    /// The server's `_session` address.
    pub fn session_url(&self) -> String {
        format!("{}/_session", self.url.trim_end_matches('/'))
    }

    /// Reads the stored settings; `None` when absent or unreadable (sync is
    /// then off, and nothing else is affected).
    pub fn decode(text: &str) -> Option<SyncConfig> {
        serde_json::from_str(text).ok()
    }

    /// The stored text.
    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// A database name in a URL path: `/` must be escaped.
fn percent_db(db: &str) -> String {
    db.replace('/', "%2F")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_what_the_therapist_typed() {
        assert_eq!(
            check(" /couchdb/ ", "attune", " dev1 ", "a long passphrase"),
            Ok(("/couchdb/".into(), "attune".into(), "dev1".into()))
        );
        assert_eq!(
            check("couchdb", "attune", "u", "a long passphrase"),
            Err(ConfigError::BadUrl)
        );
        assert_eq!(
            check("//evil.example/", "attune", "u", "a long passphrase"),
            Err(ConfigError::BadUrl)
        );
        assert_eq!(
            check("/couchdb/", "Attune", "u", "a long passphrase"),
            Err(ConfigError::BadDb)
        );
        assert_eq!(
            check("/couchdb/", "attune", " ", "a long passphrase"),
            Err(ConfigError::NoUser)
        );
        assert_eq!(
            check("/couchdb/", "attune", "u", "short"),
            Err(ConfigError::ShortPassphrase(MIN_PASSPHRASE_CHARS))
        );
    }

    #[test]
    fn addresses_and_round_trip() {
        let c = SyncConfig {
            url: "/couchdb/".into(),
            db: "clinic/a".into(),
            user: "u".into(),
            device_id: "d".into(),
            kid: "k".into(),
        };
        assert_eq!(c.db_url(), "/couchdb/clinic%2Fa/");
        assert_eq!(c.session_url(), "/couchdb/_session");
        assert_eq!(SyncConfig::decode(&c.encode()), Some(c));
        assert_eq!(SyncConfig::decode("{"), None);
    }
}
