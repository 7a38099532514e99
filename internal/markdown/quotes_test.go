package markdown

import (
	"strings"
	"testing"
)

// TestSingleQuotes: a quoted word opens with ‘ whatever letter it begins
// with, after a space or an opening bracket, and closes with ’ at a
// paragraph's end too; the apostrophes of elisions ('tis, rock 'n' roll,
// '90s), contractions and possessives stay ’ (three real blogs showed
// ’d’, (’effective’ and ’t' where kramdown and Hugo's Jekyll showed ‘).
func TestSingleQuotes(t *testing.T) {
	for in, want := range map[string]string{
		"The 'd' key, the 'tensor monsters', ('effective' averaging), 'm', 's', 't'": "The ‘d’ key, the ‘tensor monsters’, (‘effective’ averaging), ‘m’, ‘s’, ‘t’",
		"'hello' and 'twas and rock 'n' roll, it's, the '90s, 'tis, 'em":             "‘hello’ and ’twas and rock ’n’ roll, it’s, the ’90s, ’tis, ’em",
		"the dogs' bowls and 'quoted' and the Smiths' car":                           "the dogs’ bowls and ‘quoted’ and the Smiths’ car",
		"I'm sure you'd say 'never', [‘a’] and 'lonely' or 'e-mail'":                 "I’m sure you’d say ‘never’, [‘a’] and ‘lonely’ or ‘e-mail’",
		"a 'nested \"double\" one' here":                                             "a ‘nested “double” one’ here",
		// Dutch elisions (a review's finding): ’s-Hertogenbosch, ’t Hooft.
		"In 's-Hertogenbosch and 't Hooft, 's avonds, rock 'n roll": "In ’s-Hertogenbosch and ’t Hooft, ’s avonds, rock ’n roll",
		// A second review's: 'k-means' is a quote; a quote in emphasis.
		"the 'k-means' and 'n-gram' and 't-shirt' and 'S-curve'": "the ‘k-means’ and ‘n-gram’ and ‘t-shirt’ and ‘S-curve’",
		"an *'emph'* and _'x'_ word":                             "an <em>‘emph’</em> and <em>‘x’</em> word",
		// A third review's: a contraction after emphasis, Dutch 'k and 't
		// before punctuation, German 'ne, Italian 'sto.
		"*Alice*'ll come, and *Bob*'d go":         "<em>Alice</em>’ll come, and <em>Bob</em>’d go",
		"'k Heb 't gezien. Ik weet 't. Is 't, ja": "’k Heb ’t gezien. Ik weet ’t. Is ’t, ja",
		"so 'ne Sache, 'nen Hund, 'sto libro":     "so ’ne Sache, ’nen Hund, ’sto libro",
		"`'code'` stays":                          "<code>'code'</code> stays",
	} {
		html := New().Render(Text(in), Options{}).HTML
		got := strings.NewReplacer("&lsquo;", "‘", "&rsquo;", "’", "&ldquo;", "“", "&rdquo;", "”", "<p>", "", "</p>\n", "").Replace(html)
		if got != want {
			t.Errorf("%s\n got %s\nwant %s", in, got, want)
		}
	}
}
