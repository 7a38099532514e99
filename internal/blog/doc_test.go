package blog

import (
	"testing"

	"github.com/netjournal/netjournal/internal/page/pagetest"
)

// TestPageDataDocumented: every template of the blog and every field of
// its page data is in docs/themes.md, for theme authors.
func TestPageDataDocumented(t *testing.T) {
	pagetest.Documented(t, "../../docs/themes.md", "The blog", pagetest.Templates(t, "../../themes/default/blog"),
		HomePage{}, PostPage{}, TagsPage{}, TagPage{}, ArchivePage{}, SharedPage{}, NotFoundPage{}, StandalonePage{})
}
