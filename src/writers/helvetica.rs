//! Text in Helvetica, one of the fonts every PDF reader carries (so no font is embedded):
//! encoding to WinAnsi, which holds every letter of Indonesian and the Latin-1 accents, and
//! the width of a text, from Adobe's published metrics, so that a cell's text is made to fit.

/// Regular or bold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    Regular,
    Bold,
}

impl Face {
    /// The font's name in the PDF.
    pub fn base_font(self) -> &'static [u8] {
        match self {
            Face::Regular => b"Helvetica",
            Face::Bold => b"Helvetica-Bold",
        }
    }
}

/// Advance widths of the printable ASCII characters (space to `~`), in thousandths of the
/// font size (Adobe's AFM metrics of Helvetica and Helvetica-Bold).
#[rustfmt::skip]
const REGULAR: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

#[rustfmt::skip]
const BOLD: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];

/// The WinAnsi byte of a character outside ASCII, where WinAnsi has one.
fn win_ansi(c: char) -> Option<u8> {
    let code = u32::from(c);
    if (0xA0..=0xFF).contains(&code) {
        return Some(code as u8);
    }
    let byte = match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    };
    Some(byte)
}

/// `text` in WinAnsi: characters it lacks are spelled in ASCII (`ő` as `o`, `Ł` as `L`),
/// control characters become spaces.
pub fn encode(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            out.push(b' ');
        } else if c.is_ascii() {
            out.push(c as u8);
        } else if let Some(byte) = win_ansi(c) {
            out.push(byte);
        } else {
            let mut buf = [0u8; 4];
            out.extend(
                deunicode::deunicode(c.encode_utf8(&mut buf))
                    .bytes()
                    .filter(|b| (0x20..0x7F).contains(b)),
            );
        }
    }
    out
}

/// The width of encoded text at `size` points.
pub fn width(encoded: &[u8], face: Face, size: f32) -> f32 {
    let table = match face {
        Face::Regular => &REGULAR,
        Face::Bold => &BOLD,
    };
    let units: u32 = encoded
        .iter()
        .map(|&b| match b {
            0x20..=0x7E => u32::from(table[usize::from(b - 0x20)]),
            // The wide ones: the ellipsis, the dashes, per mille, the ligatures and Æ.
            0x85 | 0x97 | 0x89 | 0x8C | 0x9C | 0xC6 | 0xE6 => 1000,
            // Quotes and the like are narrow, the other Latin-1 letters as wide as most.
            0x82 | 0x8B | 0x91 | 0x92 | 0x9B => 278,
            _ => 611,
        })
        .sum();
    units as f32 * size / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indonesian_and_latin_text_is_kept_and_the_rest_spelled_in_ascii() {
        assert_eq!(encode("Sekretariat Daerah"), b"Sekretariat Daerah");
        assert_eq!(encode("Agustus–September"), b"Agustus\x96September");
        assert_eq!(encode("José"), b"Jos\xe9");
        assert_eq!(encode("Łukasz\tő"), b"Lukasz o");
    }

    #[test]
    fn widths_follow_the_metrics() {
        // "NIP" in Helvetica: 722 + 278 + 667.
        assert!((width(b"NIP", Face::Regular, 10.0) - 16.67).abs() < 0.01);
        assert!(width(b"m", Face::Bold, 10.0) > width(b"m", Face::Regular, 10.0));
        assert_eq!(width(b"\x85", Face::Regular, 1.0), 1.0);
    }
}
