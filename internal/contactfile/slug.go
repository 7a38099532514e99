package contactfile

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/netjournal/netjournal/internal/content"
)

// The file name of a new contact. content.SlugOf reads a file name that
// is not plain ASCII as content.Slugify does: the ASCII letters and
// digits it has, and its own letters only when it has none. So a name
// that mixes scripts must not keep both — "Иван Петров (Acme)" would be
// the slug "acme", and "陈美 (2)" in 陈美-2.md the slug "2". A name in
// Cyrillic or Greek is spelled in Latin letters ("ivan-petrov-acme"); a
// name in a script that has no such spelling (Japanese, Chinese, Korean,
// Arabic, …) keeps its own letters and marks and nothing of ASCII, and a
// namesake's number is written in full-width digits (陈美-２), which
// SlugOf keeps. Every file name made here is one that SlugOf reads as a
// slug of the whole name.

// slugOf is the file name, without .md, of a new contact named name, and
// whether it is written in its own script (see numberedSlug). It is ""
// when the name has no letter or digit.
func slugOf(name string) (slug string, native bool) {
	latin := transliterate(strings.ToLower(name))
	for _, r := range latin {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return nativeSlug(latin), true
		}
	}
	return content.Slugify(latin), false
}

// loaderSlug is the slug content.Load gives the file slug.md: the key
// of a contact's slug, for telling whether a file name is free.
func loaderSlug(slug string) string { return content.SlugOf(slug + ".md") }

// nativeSlug keeps a name's letters, digits and marks that are not Latin
// (ASCII digits become full-width ones), and folds everything else to
// single hyphens.
func nativeSlug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFC.String(s) {
		switch {
		case r >= '0' && r <= '9':
			r += '０' - '0'
		case unicode.Is(unicode.Latin, r), r <= unicode.MaxASCII,
			!unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r):
			dash = true
			continue
		}
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = false
		b.WriteRune(r)
	}
	return b.String()
}

// number is "-n", in full-width digits for a name in its own script.
func number(n int, native bool) string {
	s := strconv.Itoa(n)
	if native {
		s = strings.Map(func(r rune) rune { return r + '０' - '0' }, s)
	}
	return "-" + s
}

// transliterate spells Cyrillic and Greek letters in Latin ones, as
// passports and road signs do (BGN/PCGN and ELOT 743, simplified), and
// keeps other characters. Accents on Greek letters are dropped.
func transliterate(s string) string {
	var b strings.Builder
	s = strings.NewReplacer("ου", "ou", "ού", "ou").Replace(norm.NFC.String(s))
	for _, r := range s {
		if l, ok := latin[r]; ok {
			b.WriteString(l)
			continue
		}
		if d := []rune(norm.NFD.String(string(r))); len(d) > 1 && (unicode.Is(unicode.Greek, d[0]) || unicode.Is(unicode.Cyrillic, d[0])) {
			if l, ok := latin[d[0]]; ok {
				b.WriteString(l) // ά, ϊ, ѐ
				continue
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// latin spells lower-case Cyrillic (Russian, Ukrainian, Belarusian,
// Bulgarian, Serbian, Macedonian) and Greek letters.
var latin = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh", 'з': "z",
	'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r",
	'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh",
	'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya",
	'є': "ye", 'і': "i", 'ї': "yi", 'ґ': "g", 'ў': "u",
	'ђ': "dj", 'ј': "j", 'љ': "lj", 'њ': "nj", 'ћ': "c", 'џ': "dz", 'ѓ': "gj", 'ќ': "kj", 'ѕ': "dz",
	'α': "a", 'β': "v", 'γ': "g", 'δ': "d", 'ε': "e", 'ζ': "z", 'η': "i", 'θ': "th", 'ι': "i",
	'κ': "k", 'λ': "l", 'μ': "m", 'ν': "n", 'ξ': "x", 'ο': "o", 'π': "p", 'ρ': "r", 'σ': "s",
	'ς': "s", 'τ': "t", 'υ': "y", 'φ': "f", 'χ': "ch", 'ψ': "ps", 'ω': "o",
}
