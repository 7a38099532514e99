// Package scaffold writes the files netjournal creates for the user to fill
// in: a contact, an event or a post with its front-matter skeleton, and a
// whole new site. It returns bytes; the command writes them.
package scaffold

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Slug makes a file name (without .md) from a name or title: "Tomás
// Ferreira" → "tomas-ferreira", "Coffee with Ana!" → "coffee-with-ana".
// Accents are dropped and everything but ASCII letters and digits folds to
// single hyphens. A title without a single such letter keeps its own
// letters ("陈美" → "陈美"). It returns "" when nothing is left.
func Slug(title string) string {
	if s := slug(title, true); s != "" {
		return s
	}
	return slug(title, false)
}

// fold spells letters that do not decompose into a base letter and accents.
var fold = strings.NewReplacer("ß", "ss", "æ", "ae", "Æ", "ae", "ø", "o", "Ø", "o", "œ", "oe", "Œ", "oe",
	"ł", "l", "Ł", "l", "đ", "d", "Đ", "d", "ð", "d", "þ", "th", "ı", "i")

func slug(title string, ascii bool) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(fold.Replace(title)) {
		r = unicode.ToLower(r)
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // a combining accent
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9',
			!ascii && r > unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	return norm.NFC.String(b.String())
}
