package contactfile

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/netjournal/netjournal/internal/content"
)

// The file name of a new contact: the name's slug (content.Slugify), its
// Cyrillic and Greek letters spelled in Latin ones first ("Иван Петров
// (Acme)" → ivan-petrov-acme.md), as passports do; a name in a script
// that has no such spelling (Japanese, Chinese, Korean, Arabic, …) keeps
// its own letters and marks, and the Latin ones beside them ("陈美 (Mei
// Chen)" → 陈美-mei-chen.md). content.SlugOf reads every file name made
// here as a slug of the whole name.

// slugOf is the file name, without .md, of a new contact named name. It
// is "" when the name has no letter or digit.
func slugOf(name string) string {
	return content.Slugify(transliterate(strings.ToLower(name)))
}

// loaderSlug is the slug content.Load gives the file slug.md: the key
// of a contact's slug, for telling whether a file name is free.
func loaderSlug(slug string) string { return content.SlugOf(slug + ".md") }

// number is a namesake's suffix: "-n".
func number(n int) string { return "-" + strconv.Itoa(n) }

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
