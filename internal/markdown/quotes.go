package markdown

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// singleQuotes reads a single quote before goldmark's typographer, for
// the quotes it takes for apostrophes: after a space or an opening
// bracket, a quote before a word that begins with d, e, l, m, n, s or t
// ('tensor', 'd', 'effective') was ’, and its closing one, matched with
// no opening, stayed ' at a paragraph's end. Here such a quote opens (‘)
// unless its word is an elision ('tis, rock 'n' roll), and one after a
// word closes (’) what this parser opened in the same paragraph; every
// other quote is the typographer's (apostrophes, possessives, '90s).
type singleQuotes struct{}

// openQuotes is the parser's count of quotes it opened, in its block.
var openQuotes = parser.NewContextKey()

type quotesOpen struct {
	block ast.Node
	n     int
}

func (singleQuotes) Trigger() []byte { return []byte{'\''} }

func (singleQuotes) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if len(line) == 0 || line[0] != '\'' {
		return nil
	}
	own := parent
	for own.Parent() != nil && own.Type() != ast.TypeBlock {
		own = own.Parent()
	}
	count, _ := pc.Get(openQuotes).(*quotesOpen)
	if count == nil || count.block != own {
		count = &quotesOpen{block: own}
		pc.Set(openQuotes, count)
	}
	before := block.PrecendingCharacter()
	if before == '*' || before == '_' {
		// An emphasis mark that closes (*Alice*'ll) is a word's end: the
		// quote is the typographer's; one that opens (*'emph'*) is where
		// a quote opens, as after a space.
		if _, seg := block.Position(); seg.Start >= 2 {
			if r, _ := utf8.DecodeLastRune(block.Source()[:seg.Start-1]); unicode.IsLetter(r) || unicode.IsDigit(r) {
				return nil
			}
		}
	}
	after, _ := utf8.DecodeRune(line[1:])
	if len(line) == 1 {
		after = '\n'
	}
	var entity string
	switch {
	case (unicode.IsSpace(before) || strings.ContainsRune("([{\"“‘—–*_", before)) && unicode.IsLetter(after):
		if elision(line[1:]) {
			entity = "&rsquo;"
		} else {
			entity = "&lsquo;"
			count.n++
		}
	case count.n > 0 && (unicode.IsLetter(before) || unicode.IsDigit(before) || strings.ContainsRune(".,;:!?)]}”’", before)) &&
		(unicode.IsSpace(after) || strings.ContainsRune(".,;:!?)]}\"”—–-*_", after)):
		entity = "&rsquo;"
		count.n--
	default:
		return nil
	}
	block.Advance(1)
	node := ast.NewString([]byte(entity))
	node.SetCode(true)
	return node
}

// elision reports whether s, the text after a quote, begins with a word
// whose first letters the quote stands for: 'tis, 'twas, 'em, 'n', 'til,
// and Dutch's 's and 't before a space or a hyphen ('s-Hertogenbosch).
func elision(s []byte) bool {
	n := 0
	for n < len(s) && ('a' <= s[n]|0x20 && s[n]|0x20 <= 'z') {
		n++
	}
	if n < len(s) && s[n] >= utf8.RuneSelf {
		return false // a word that goes on in other letters
	}
	// s, t, n or k alone before a space or a punctuation mark, and 's
	// before a hyphen and a capital: Dutch's 's, 't and 'k
	// ('s-Hertogenbosch, 't Hooft, weet 't.), rock 'n roll; not 'e-mail',
	// 'k-means' or 't-shirt'.
	if n == 1 && strings.IndexByte("stnk", s[0]|0x20) >= 0 &&
		(n == len(s) || strings.IndexByte(" .,;:!?", s[n]) >= 0 || n+1 < len(s) && s[n] == '-' && s[0]|0x20 == 's' && 'A' <= s[n+1] && s[n+1] <= 'Z') {
		return true
	}
	if n < len(s) && s[n] == '-' {
		return false // another word: 'n-gram'
	}
	return elisions[strings.ToLower(string(s[:n]))]
}

var elisions = map[string]bool{
	"tis": true, "twas": true, "twere": true, "twill": true, "twould": true, "til": true,
	"em": true, "cause": true, "cos": true, "n": true, "round": true, "bout": true,
	"nuff": true, "neath": true, "gainst": true,
	"ne": true, "nen": true, "nem": true, "ner": true, // German's 'ne (eine)
	"sto": true, "sta": true, "ste": true, "sti": true, // Italian's 'sto (questo)
}
