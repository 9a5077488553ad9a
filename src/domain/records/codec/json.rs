//! A small JSON reader and writer (RFC 8259): objects, arrays, strings with
//! every escape (`\uXXXX` surrogate pairs included), numbers, `true`,
//! `false` and `null`.
//!
//! It is not a general parser: the codecs in this folder pull exactly the
//! shapes they expect, so the reader hands out values one at a time and never
//! builds a tree. Each step reads the way `serde_json` (1.0, without its
//! `float_roundtrip` feature) reads the same Rust type, so a text is accepted
//! or refused exactly as the serde derives on the domain types would, and
//! yields the same value:
//!
//! - a struct ([`Reader::record`]) is an object (unknown keys skipped, a
//!   known key twice refused) or an array of its fields in order;
//! - a unit enum ([`Reader::variant`]) is `"name"` or `{"name": null}`;
//! - an unsigned integer ([`Reader::uint`]) is plain digits, no sign, no
//!   fraction, no exponent; a float ([`Reader::float`]) is any number, with
//!   `serde_json`'s own arithmetic;
//! - strings must be well formed; a lone surrogate escape is refused where
//!   the string is read, and passed over where it is skipped.
//!
//! Nothing here panics, whatever the input: every index is checked, and a
//! failure is `None`. Typed reading nests only as deep as the shapes do (at
//! most three levels); a skipped value of any depth is walked with a heap
//! stack, never by recursion, so deep nesting cannot overflow the stack.

use crate::domain::records::codec::number;

/// A cursor over one JSON text.
pub struct Reader<'a> {
    text: &'a str,
    pos: usize,
}

/// The byte at `pos`, if any.
fn at(text: &str, pos: usize) -> Option<u8> {
    text.as_bytes().get(pos).copied()
}

impl<'a> Reader<'a> {
    /// A reader at the start of `text`.
    pub fn new(text: &'a str) -> Self {
        Reader { text, pos: 0 }
    }

    /// The next byte, not consumed, with no whitespace skipped: inside a
    /// number or a literal whitespace ends the token.
    pub(super) fn raw(&self) -> Option<u8> {
        at(self.text, self.pos)
    }

    /// Consumes one byte.
    pub(super) fn bump(&mut self) {
        self.pos += 1;
    }

    /// The next byte after JSON whitespace (space, tab, CR, LF only), not
    /// consumed.
    fn peek(&mut self) -> Option<u8> {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.raw() {
            self.bump();
        }
        self.raw()
    }

    /// Consumes `b` after whitespace, or fails.
    fn expect(&mut self, b: u8) -> Option<()> {
        (self.peek()? == b).then(|| self.bump())
    }

    /// Consumes the literal `word` (its first byte already peeked).
    fn word(&mut self, word: &[u8]) -> Option<()> {
        for &b in word {
            (self.raw()? == b).then(|| self.bump())?;
        }
        Some(())
    }

    /// Succeeds when only whitespace is left: the end of the text.
    pub fn finish(mut self) -> Option<()> {
        self.peek().is_none().then_some(())
    }

    /// `null` as `None`, anything else read by `read`.
    pub fn optional<T>(&mut self, read: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        if self.peek()? == b'n' {
            self.word(b"null")?;
            Some(None)
        } else {
            read(self).map(Some)
        }
    }

    /// `true` or `false`.
    pub fn bool(&mut self) -> Option<bool> {
        let value = self.peek()? == b't';
        self.word(if value { b"true" } else { b"false" })?;
        Some(value)
    }

    /// An unsigned integer no larger than `max`. `serde_json` reads a number
    /// with a sign, a fraction or an exponent, or one beyond `u64`, as a float
    /// or a negative, which no unsigned field takes; so only plain digits
    /// (without a leading zero) are read here.
    pub fn uint(&mut self, max: u64) -> Option<u64> {
        if !self.peek()?.is_ascii_digit() {
            return None;
        }
        let n = number::digits(self)?;
        (n <= max && !matches!(self.raw(), Some(b'.' | b'e' | b'E'))).then_some(n)
    }

    /// Any number, as `serde_json` computes it for an `f64` field.
    pub fn float(&mut self) -> Option<f64> {
        let positive = match self.peek()? {
            b'-' => {
                self.bump();
                false
            }
            b'0'..=b'9' => true,
            _ => return None,
        };
        number::float(self, positive)
    }

    /// A string, unescaped.
    pub fn string(&mut self) -> Option<String> {
        self.expect(b'"')?;
        self.string_body(true)
    }

    /// The rest of a string after its opening quote. `keep` reads it as a
    /// string (a lone surrogate escape is an error); otherwise it is only
    /// checked the way `serde_json` skips one (four hex digits suffice).
    fn string_body(&mut self, keep: bool) -> Option<String> {
        let mut out = String::new();
        let mut start = self.pos;
        loop {
            match self.raw()? {
                b'"' => {
                    out.push_str(self.text.get(start..self.pos)?);
                    self.bump();
                    return Some(out);
                }
                b'\\' => {
                    out.push_str(self.text.get(start..self.pos)?);
                    self.bump();
                    let c = self.escape(keep)?;
                    out.push(c);
                    start = self.pos;
                }
                0..=0x1f => return None,
                _ => self.bump(),
            }
        }
    }

    /// One escape after its backslash.
    fn escape(&mut self, keep: bool) -> Option<char> {
        let b = self.raw()?;
        self.bump();
        Some(match b {
            b'"' | b'\\' | b'/' => char::from(b),
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let n = self.hex4()?;
                if !keep {
                    // Skipped: the text is not kept, so any placeholder does.
                    return Some(' ');
                }
                match n {
                    0xD800..=0xDBFF => {
                        self.word(b"\\u")?;
                        let low = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return None;
                        }
                        char::from_u32(0x10000 + ((n - 0xD800) << 10) + (low - 0xDC00))?
                    }
                    _ => char::from_u32(n)?,
                }
            }
            _ => return None,
        })
    }

    /// Four hex digits.
    fn hex4(&mut self) -> Option<u32> {
        let mut n = 0;
        for _ in 0..4 {
            n = n * 16 + char::from(self.raw()?).to_digit(16)?;
            self.bump();
        }
        Some(n)
    }

    /// An array, each item read by `item`.
    pub fn array(&mut self, item: &mut dyn FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.expect(b'[')?;
        if self.peek()? == b']' {
            self.bump();
            return Some(());
        }
        loop {
            item(self)?;
            match self.peek()? {
                b',' => self.bump(),
                b']' => {
                    self.bump();
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// A struct with the fields `names`, as serde's derive reads one: an
    /// object whose values for known keys `field(reader, index)` reads
    /// (other keys are skipped; a known key twice is refused), or an array
    /// of the fields in order (fewer is fine, more is not). Returns which
    /// fields were present, one bit each; the caller refuses a record
    /// without a required one.
    pub fn record(
        &mut self,
        names: &[&str],
        field: &mut dyn FnMut(&mut Self, usize) -> Option<()>,
    ) -> Option<u32> {
        let mut seen = 0u32;
        match self.peek()? {
            b'[' => {
                self.bump();
                for i in 0..names.len() {
                    if self.peek()? == b']' {
                        break;
                    }
                    if i > 0 {
                        self.expect(b',')?;
                    }
                    field(self, i)?;
                    seen |= 1 << i;
                }
                self.expect(b']')?;
            }
            b'{' => {
                self.bump();
                if self.peek()? == b'}' {
                    self.bump();
                    return Some(seen);
                }
                loop {
                    let key = self.string()?;
                    self.expect(b':')?;
                    match names.iter().position(|n| *n == key) {
                        Some(i) if seen & (1 << i) != 0 => return None,
                        Some(i) => {
                            field(self, i)?;
                            seen |= 1 << i;
                        }
                        None => self.skip()?,
                    }
                    match self.peek()? {
                        b',' => self.bump(),
                        b'}' => {
                            self.bump();
                            return Some(seen);
                        }
                        _ => return None,
                    }
                }
            }
            _ => return None,
        }
        Some(seen)
    }

    /// A unit variant of an enum whose variants are `names`: `"name"`, or
    /// `{"name": null}` as `serde_json` also reads one. Returns its index.
    pub fn variant(&mut self, names: &[&str]) -> Option<usize> {
        let wrapped = self.peek()? == b'{';
        if wrapped {
            self.bump();
        }
        let name = self.string()?;
        let i = names.iter().position(|n| *n == name)?;
        if wrapped {
            self.expect(b':')?;
            (self.peek()? == b'n').then_some(())?;
            self.word(b"null")?;
            self.expect(b'}')?;
        }
        Some(i)
    }

    /// Passes over one value of any kind, checking that it is well formed.
    /// Iterative: `open` holds the brackets still open.
    pub fn skip(&mut self) -> Option<()> {
        let mut open: Vec<u8> = Vec::new();
        loop {
            // One value, or the opening of a container.
            match self.peek()? {
                b'n' => self.word(b"null")?,
                b't' => self.word(b"true")?,
                b'f' => self.word(b"false")?,
                b'-' | b'0'..=b'9' => number::skip(self)?,
                b'"' => {
                    self.bump();
                    self.string_body(false)?;
                }
                b @ (b'[' | b'{') => {
                    self.bump();
                    let close = if b == b'[' { b']' } else { b'}' };
                    if self.peek()? == close {
                        self.bump();
                    } else {
                        open.push(b);
                        if b == b'{' {
                            self.key_for_skip()?;
                        }
                        continue;
                    }
                }
                _ => return None,
            }
            // After a whole value: close what ends here, or go on to the next.
            loop {
                let Some(&b) = open.last() else {
                    return Some(());
                };
                match self.peek()? {
                    b',' => {
                        self.bump();
                        if b == b'{' {
                            self.key_for_skip()?;
                        }
                        break;
                    }
                    c if c == b + 2 => {
                        // `]` and `}` are their openers plus two in ASCII.
                        self.bump();
                        open.pop();
                    }
                    _ => return None,
                }
            }
        }
    }

    /// A key and its colon inside a skipped object (checked, not kept).
    fn key_for_skip(&mut self) -> Option<()> {
        self.expect(b'"')?;
        self.string_body(false)?;
        self.expect(b':')
    }
}

/// Appends `s` as a JSON string, escaped as `serde_json` escapes it: the
/// quote, the backslash and control characters (short forms where JSON has
/// them, `\u00XX` with lower-case hex otherwise); everything else as is.
pub fn string(out: &mut String, s: &str) {
    out.push('"');
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let short = match b {
            b'"' => '"',
            b'\\' => '\\',
            0x08 => 'b',
            0x0c => 'f',
            b'\n' => 'n',
            b'\r' => 'r',
            b'\t' => 't',
            0..=0x1f => 'u',
            _ => continue,
        };
        // `i` is at an ASCII byte, so both slices fall on char boundaries.
        out.push_str(s.get(start..i).unwrap_or_default());
        out.push('\\');
        out.push(short);
        if short == 'u' {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
        start = i + 1;
    }
    out.push_str(s.get(start..).unwrap_or_default());
    out.push('"');
}

/// Appends an unsigned integer in decimal.
pub fn uint(out: &mut String, n: u64) {
    // Written by hand: twenty digits at most, and no formatting machinery.
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    let mut n = n;
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[i..] {
        out.push(char::from(d));
    }
}

/// Writes an object's members in order, with the separators between them.
pub struct Object<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> Object<'a> {
    /// Opens an object on `out`.
    pub fn new(out: &'a mut String) -> Self {
        out.push('{');
        Object { out, first: true }
    }

    /// Writes `"key":` (after a comma unless first) and returns the buffer
    /// for the value.
    pub fn key(&mut self, key: &str) -> &mut String {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        string(self.out, key);
        self.out.push(':');
        self.out
    }

    /// Closes the object.
    pub fn end(self) {
        self.out.push('}');
    }
}
